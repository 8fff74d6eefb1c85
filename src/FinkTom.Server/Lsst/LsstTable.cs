using FinkTom.Core.Model;
using FinkTom.Server.Formats;

namespace FinkTom.Server.Lsst;

/// <summary>
/// Builds an LSST answer the way Fink decodes its tables (contract §1.5): without <c>columns</c>, every column of the
/// table, nulls included; with <c>columns</c>, only the requested columns that hold a value in some row (a column null
/// everywhere is absent, as Fink's HBase scan never returns it — unless none holds a value: a table keeps at least the
/// columns asked for).
/// </summary>
public static class LsstTable
{
    public static ResultTable Build(IReadOnlyList<LsstColumn> table, IReadOnlyList<string>? requested, IReadOnlyList<Alert> rows,
        IEnumerable<LsstColumn>? computed = null)
    {
        IReadOnlyList<LsstColumn> columns;
        var extra = computed?.ToList() ?? [];
        if (requested is null)
        {
            columns = [.. table, .. extra];
        }
        else
        {
            var byName = table.Concat(extra).ToDictionary(c => c.Name, StringComparer.Ordinal);
            var known = requested.Distinct(StringComparer.Ordinal).Where(byName.ContainsKey).Select(n => byName[n]).ToList();
            columns = known.Where(c => rows.Any(r => c.Value(r) is not null)).ToList();
            if (columns.Count == 0)
                columns = known; // no value anywhere (or no row): the requested columns, empty, since a table needs one
        }
        return new ResultTable(columns.Select(c => new TableColumn(c.Name, c.Type)).ToList(),
            rows.Select(r => columns.Select(c => c.Value(r)).ToArray()));
    }

    /// <summary>Whether a name is a column of the table (or one of the computed ones).</summary>
    public static Func<string, bool> Knows(IReadOnlyList<LsstColumn> table, params string[] computed)
    {
        var names = table.Select(c => c.Name).Concat(computed).ToHashSet(StringComparer.Ordinal);
        return names.Contains;
    }
}
