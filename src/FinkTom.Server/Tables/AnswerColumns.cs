using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Server.Formats;

namespace FinkTom.Server.Tables;

/// <summary>Which columns each kind of answer has, in Fink's order (stored d:, stored i:, then v:).</summary>
public static class AnswerColumns
{
    // Fink's decoder fills these when absent from a full answer (contract §1.5 step 3).
    private static readonly Dictionary<string, object> Defaults = new()
    {
        ["d:tracklet"] = "",
        ["d:tns"] = "",
        ["d:blazar_stats_m0"] = -1.0f,
        ["d:blazar_stats_m1"] = -1.0f,
        ["d:blazar_stats_m2"] = -1.0f,
        ["d:blazar_stats_instantness_low"] = -1.0f,
        ["d:blazar_stats_robustness_low"] = -1.0f,
        ["d:blazar_stats_instantness_high"] = -1.0f,
        ["d:blazar_stats_robustness_high"] = -1.0f,
    };

    /// <summary>Columns of Fink's index tables: the default of a cone search (contract §2.2).</summary>
    public static readonly string[] ConeIndex =
    [
        "i:objectId", "i:candid", "i:ra", "i:dec", "i:jd", "i:jdstarthist", "i:magpsf", "i:sigmapsf", "i:fid", "i:distnr",
        "i:drb", "d:cdsxmatch", "d:nalerthist", "d:classification",
    ];

    /// <summary>Every stored column (main-table view, without the index-only class) and the query-time values.</summary>
    public static List<OutputColumn> Full(bool withColor)
    {
        var columns = ColumnCatalog.Stored
            .Where(c => c != ColumnCatalog.Classification)
            .Select(c => OutputColumn.Stored(c, Defaults.GetValueOrDefault(c.Name)))
            .ToList();
        columns.Add(QueryTimeColumns.Classification);
        if (withColor)
            columns.AddRange(QueryTimeColumns.ColorAndRate);
        columns.AddRange(QueryTimeColumns.Dates);
        return columns;
    }

    /// <summary>Exactly the requested columns, in the order asked (Fink's "truncated" answers: no defaults).</summary>
    public static List<OutputColumn> Requested(IEnumerable<string> names) =>
        names.Distinct().Select(name => ColumnCatalog.TryGet(name, out var column)
            ? OutputColumn.Stored(column)
            : QueryTimeColumns.Find(name) ?? throw new ArgumentException($"Unknown column {name}")).ToList();

    /// <summary>The stored columns to read for an answer with these columns: all of them when a query-time value
    /// (other than the separation) is asked for, since those are computed from many stored fields.</summary>
    public static IReadOnlyList<string>? StoreColumnsFor(IEnumerable<string>? requested)
    {
        if (requested is null)
            return null;
        var names = requested.ToList();
        if (names.Any(n => n.StartsWith("v:", StringComparison.Ordinal) && n != QueryTimeColumns.Separation.Name))
            return null;
        return names.Where(n => ColumnCatalog.TryGet(n, out _)).ToList();
    }

    /// <summary>
    /// Alert rows as Fink answers them: every column (main-table view, colours when asked) without <c>columns</c>, else
    /// exactly the requested ones, whose query-time values (colours, rates) are computed here.
    /// </summary>
    public static ResultTable AlertTable(IReadOnlyList<string>? requested, List<AlertRow> rows, bool withColor = false)
    {
        if (withColor || requested is not null)
            QueryTimeColumns.ComputeColors(rows);
        return ToTable(requested is null ? Full(withColor) : Requested(requested), rows);
    }

    /// <summary>A table whose cells are computed as the writer streams the rows out.</summary>
    public static ResultTable ToTable(IReadOnlyList<OutputColumn> columns, IEnumerable<AlertRow> rows) =>
        new(columns.Select(c => new TableColumn(c.Name, c.Type, c.IsArray)).ToList(), rows.Select(row => Cells(columns, row)));

    private static object?[] Cells(IReadOnlyList<OutputColumn> columns, AlertRow row)
    {
        var values = new object?[columns.Count];
        for (var i = 0; i < columns.Count; i++)
            values[i] = columns[i].Value(row);
        return values;
    }
}
