using System.Text;

namespace FinkTom.Tests.Formats;

/// <summary>A small RFC 4180 reader for the tests: quoted fields may hold commas, doubled quotes and line breaks;
/// records end with LF or CRLF. A field is null when it is empty and unquoted, so a test can tell a null from an
/// empty string (<c>""</c>).</summary>
internal static class Rfc4180Reader
{
    public static List<List<string?>> Read(string text)
    {
        var records = new List<List<string?>>();
        var record = new List<string?>();
        var field = new StringBuilder();
        var inQuotes = false; // inside an opened quoted field
        var quoted = false;   // the current field was quoted
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch != '"')
                {
                    field.Append(ch);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    inQuotes = false;
                }
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0 && !quoted:
                    inQuotes = quoted = true;
                    break;
                case '"':
                    throw new FormatException($"Stray quote at {i}.");
                case ',':
                    record.Add(EndField(field, ref quoted));
                    break;
                case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                    break;
                case '\n':
                    record.Add(EndField(field, ref quoted));
                    records.Add(record);
                    record = [];
                    break;
                default:
                    if (quoted)
                    {
                        throw new FormatException($"Text after a closing quote at {i}.");
                    }
                    field.Append(ch);
                    break;
            }
        }
        if (inQuotes)
        {
            throw new FormatException("Unterminated quoted field.");
        }
        if (field.Length > 0 || quoted || record.Count > 0)
        {
            record.Add(EndField(field, ref quoted));
            records.Add(record);
        }
        return records;
    }

    private static string? EndField(StringBuilder field, ref bool quoted)
    {
        var value = field.Length == 0 && !quoted ? null : field.ToString();
        field.Clear();
        quoted = false;
        return value;
    }
}
