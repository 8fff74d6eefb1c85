using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Server.Formats;
using FinkTom.Server.Tables;

namespace FinkTom.Server.Proxy;

/// <summary>
/// A tabular upstream answer (JSON records, contract §1.3) read into a <see cref="ResultTable"/>, so it can be
/// written in any <c>output-format</c>. Columns keep upstream's order; types come from the column catalogue and the
/// <c>v:</c> columns FinkTom knows, otherwise from the values (text, whole numbers, numbers, booleans).
/// </summary>
public sealed class UpstreamTable
{
    private UpstreamTable(List<Dictionary<string, JsonElement>> records, List<TableColumn> columns)
    {
        Records = records;
        Columns = columns;
    }

    public IReadOnlyList<Dictionary<string, JsonElement>> Records { get; }

    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>Parses and type-checks an answer; a <see cref="FormatException"/> says what is wrong with it.</summary>
    public static UpstreamTable Parse(byte[] json)
    {
        List<Dictionary<string, JsonElement>>? records;
        try
        {
            records = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(json);
        }
        catch (JsonException e)
        {
            throw new FormatException($"it is not a JSON array of records: {e.Message}");
        }
        if (records is null || records.Any(r => r is null))
            throw new FormatException("it is not a JSON array of records (null found)");

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
            foreach (var name in record.Keys)
                if (seen.Add(name))
                    names.Add(name);
        var columns = names.Select(name => Column(name, records)).ToList();
        var table = new UpstreamTable(records, columns);
        _ = table.Rows().Count(); // every cell must fit its column's type
        return table;
    }

    public ResultTable ToResultTable() => new(Columns, Rows());

    private IEnumerable<object?[]> Rows()
    {
        foreach (var record in Records)
        {
            var cells = new object?[Columns.Count];
            for (var i = 0; i < Columns.Count; i++)
            {
                var column = Columns[i];
                if (!record.TryGetValue(column.Name, out var cell))
                    continue;
                cells[i] = column.IsArray ? FinkJsonCells.ReadArray(cell, column.Name) : FinkJsonCells.Read(cell, column.Type, column.Name);
            }
            yield return cells;
        }
    }

    private static TableColumn Column(string name, List<Dictionary<string, JsonElement>> records)
    {
        if (ColumnCatalog.TryGet(name, out var stored))
            return TableColumn.For(stored);
        if (QueryTimeColumns.Find(name) is { } computed)
            return new TableColumn(name, computed.Type, computed.IsArray);
        if (name.StartsWith("b:", StringComparison.Ordinal))
            return new TableColumn(name, ColumnType.Float, IsArray: true);
        var values = records.Select(r => r.TryGetValue(name, out var v) ? v : default)
            .Where(v => v.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null)).ToList();
        // Columns FinkTom does not know (newer Fink columns, sso_name, ...): the narrowest type that holds every value.
        if (values.Count > 0 && values.All(v => v.ValueKind is JsonValueKind.True or JsonValueKind.False))
            return new TableColumn(name, ColumnType.Bool);
        if (values.Count > 0 && values.All(v => v.ValueKind == JsonValueKind.Number))
            return new TableColumn(name, values.All(v => v.TryGetInt64(out _)) ? ColumnType.Long : ColumnType.Double);
        return new TableColumn(name, ColumnType.String);
    }
}
