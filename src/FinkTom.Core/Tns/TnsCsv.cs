using System.Globalization;
using System.Text;

namespace FinkTom.Core.Tns;

/// <summary>
/// Reads TNS's public-objects CSV (<c>tns_public_objects.csv</c>, as downloaded, or inside its zip): an optional first
/// line with the catalogue's date, then a header naming at least <c>name_prefix, name, ra, declination, type, redshift,
/// internal_names</c>, then one quoted, comma-separated record per object (quotes doubled inside fields, which may span
/// lines). A record whose name or position is unusable is skipped and counted; a file without that header is refused.
/// </summary>
public static class TnsCsv
{
    public static readonly string[] RequiredColumns = ["name_prefix", "name", "ra", "declination", "type", "redshift", "internal_names"];

    public sealed class Result
    {
        public List<TnsEntry> Entries { get; } = [];
        public int Skipped { get; set; }
        public string? FirstSkipReason { get; set; }
    }

    /// <summary>Parses the whole text; throws <see cref="FormatException"/> when it is not the TNS public-objects CSV.</summary>
    public static Result Read(TextReader reader)
    {
        var result = new Result();
        Dictionary<string, int>? columns = null;
        var line = 0;
        foreach (var record in Records(reader))
        {
            line++;
            if (columns is null)
            {
                if (record.Contains("name_prefix"))
                {
                    columns = record.Select((name, i) => (name, i)).GroupBy(c => c.name).ToDictionary(g => g.Key, g => g.First().i);
                    if (RequiredColumns.FirstOrDefault(c => !columns.ContainsKey(c)) is { } missing)
                        throw new FormatException($"The TNS CSV header has no `{missing}` column (needed: {string.Join(", ", RequiredColumns)}).");
                }
                else if (line >= 2)
                    throw new FormatException("This is not TNS's public-objects CSV: no header naming name_prefix, name, ra, declination... in its first two lines.");
                continue;
            }
            if (record is [""])
                continue; // a blank line
            if (Entry(record, columns, out var reason) is { } entry)
                result.Entries.Add(entry);
            else
            {
                result.Skipped++;
                result.FirstSkipReason ??= $"record {line}: {reason}";
            }
        }
        if (columns is null)
            throw new FormatException("The file is empty: no TNS CSV header.");
        return result;
    }

    private static TnsEntry? Entry(List<string> record, Dictionary<string, int> columns, out string? reason)
    {
        string Cell(string name) => columns[name] < record.Count ? record[columns[name]].Trim() : "";
        reason = null;
        var name = Cell("name");
        if (name.Length == 0)
        {
            reason = "no name";
            return null;
        }
        if (!double.TryParse(Cell("ra"), NumberStyles.Float, CultureInfo.InvariantCulture, out var ra) || ra is < 0 or >= 360 ||
            !double.TryParse(Cell("declination"), NumberStyles.Float, CultureInfo.InvariantCulture, out var dec) || dec is < -90 or > 90)
        {
            reason = $"{name}: ra/declination '{Cell("ra")}', '{Cell("declination")}' are not degrees";
            return null;
        }
        var prefix = Cell("name_prefix");
        var type = Cell("type");
        double? redshift = double.TryParse(Cell("redshift"), NumberStyles.Float, CultureInfo.InvariantCulture, out var z) && double.IsFinite(z) ? z : null;
        var internals = Cell("internal_names").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new TnsEntry(prefix.Length == 0 ? name : prefix + " " + name, ra, dec, type.Length == 0 ? null : type, redshift, internals);
    }

    /// <summary>CSV records (RFC 4180): fields split on commas, quoted fields may hold commas, doubled quotes and line breaks.</summary>
    public static IEnumerable<List<string>> Records(TextReader reader)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            any = true;
            var ch = (char)c;
            if (quoted)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                        quoted = false;
                }
                else
                    field.Append(ch);
                continue;
            }
            switch (ch)
            {
                case '"':
                    quoted = true;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    yield return fields;
                    fields = [];
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
        if (any)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }
}
