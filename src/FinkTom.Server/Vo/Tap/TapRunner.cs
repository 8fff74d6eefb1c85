using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Query.Adql.Schema;
using FinkTom.Query.Adql.Translation;
using FinkTom.Server.Formats;
using FinkTom.Server.Hosting;

namespace FinkTom.Server.Vo.Tap;

/// <summary>A query's answer: its table and whether MAXREC cut it (TAP's overflow flag).</summary>
public sealed record TapResult(ResultTable Table, bool Overflow);

/// <summary>
/// Runs a translated ADQL query: alert tables through the survey's store (<see cref="IAlertReader.QueryAsync"/>), ZTF
/// objects through its summaries, TAP_SCHEMA in memory. The store does the filtering, sorting and limiting; at most
/// MAXREC + 1 rows are read, the extra one only to know whether to raise the overflow flag.
/// </summary>
public sealed class TapRunner(IAlertReader ztf, [FromKeyedServices(SurveyStores.Lsst)] IAlertReader lsst)
{
    public async Task<TapResult> RunAsync(TapQuery query, int maxRec, CancellationToken ct)
    {
        var wanted = Math.Min(query.Top ?? long.MaxValue, maxRec + 1L);
        var rows = wanted == 0 ? [] : query.IsCount ? [[await CountAsync(query, ct)]] : query.Table.Kind switch
        {
            TapTableKind.Alerts => await AlertRows(query, (int)wanted, ct),
            TapTableKind.Objects => await ObjectRows(query, (int)wanted, ct),
            _ => MetadataRows(query, (int)wanted),
        };
        var overflow = rows.Count > maxRec;
        if (overflow)
            rows.RemoveRange(maxRec, rows.Count - maxRec);
        var columns = query.Fields.Select(f => new TableColumn(f.Name, f.Type) { Unit = f.Unit, Ucd = f.Ucd, Description = f.Description }).ToList();
        return new TapResult(new ResultTable(columns, rows), overflow);
    }

    // COUNT(*) runs in the store (its COUNT, or for a cone over object summaries, the box query then the exact cut).
    private async Task<long> CountAsync(TapQuery query, CancellationToken ct)
    {
        switch (query.Table.Kind)
        {
            case TapTableKind.Alerts:
                return await (query.Table.Survey == Survey.Lsst ? lsst : ztf).CountAsync(query.ToAlertQuery(0) with { Limit = null, Offset = 0 }, ct);
            case TapTableKind.Objects when query.Cone is null:
                return await ztf.CountObjectsAsync(query.ToObjectQuery(0) with { Limit = null, Offset = 0 }, ct);
            case TapTableKind.Objects:
                long inside = 0;
                await foreach (var summary in ztf.QueryObjectsAsync(query.ToObjectQuery(0) with { OrderBy = [] }, ct))
                    inside += query.Cone.Contains(summary.Ra, summary.Dec) ? 1 : 0;
                return inside;
            default:
                return Matching(query).LongCount();
        }
    }

    private async Task<List<object?[]>> AlertRows(TapQuery query, int limit, CancellationToken ct)
    {
        var survey = query.Table.Survey!;
        var store = survey == Survey.Lsst ? lsst : ztf;
        var ordinals = query.Fields.Select(f => f.Column is { } c ? survey.Catalog.Get(c.StoreColumn).Ordinal : -1).ToArray();
        var rows = new List<object?[]>();
        await foreach (var alert in store.QueryAsync(query.ToAlertQuery(limit), ct))
        {
            var row = new object?[ordinals.Length];
            for (var i = 0; i < row.Length; i++)
                row[i] = ordinals[i] >= 0 ? alert.Values[ordinals[i]] : Distance(query.Fields[i], alert.Ra, alert.Dec);
            rows.Add(row);
        }
        return rows;
    }

    // Object summaries have no sky index: the store filters a box around the cone, the exact cut is made here, and
    // OFFSET and the limit apply after it.
    private async Task<List<object?[]>> ObjectRows(TapQuery query, int limit, CancellationToken ct)
    {
        var readers = query.Fields.Select(f => f.Column is { } c ? ObjectColumns.Get(c.StoreColumn).Read : null).ToArray();
        var rows = new List<object?[]>();
        var skip = query.Cone is null ? 0 : query.Offset;
        await foreach (var summary in ztf.QueryObjectsAsync(query.ToObjectQuery(limit), ct))
        {
            if (query.Cone is { } cone && !cone.Contains(summary.Ra, summary.Dec))
                continue;
            if (skip > 0)
            {
                skip--;
                continue;
            }
            var row = new object?[readers.Length];
            for (var i = 0; i < row.Length; i++)
                row[i] = readers[i] is { } read ? read(summary) : Distance(query.Fields[i], summary.Ra, summary.Dec);
            rows.Add(row);
            if (rows.Count >= limit)
                break;
        }
        return rows;
    }

    private static double? Distance(OutputField field, double ra, double dec) =>
        field.DistanceFrom is { } from && !double.IsNaN(ra) && !double.IsNaN(dec) ? SkyMath.SeparationDeg(from.Ra, from.Dec, ra, dec) : null;

    // TAP_SCHEMA: a few hundred rows, filtered and sorted in memory with the same predicate model.
    private static List<object?[]> MetadataRows(TapQuery query, int limit)
    {
        var fields = query.Fields.Select(f => Index(query.Table, f.Column!.StoreColumn)).ToArray();
        return Matching(query).Skip((int)query.Offset).Take(limit).Select(r => fields.Select(i => r[i]).ToArray()).ToList();
    }

    private static int Index(TapTable table, string name) => table.Columns.ToList().FindIndex(c => c.StoreColumn == name);

    private static IEnumerable<object?[]> Matching(TapQuery query)
    {
        var table = query.Table;
        int Index(string name) => TapRunner.Index(table, name);
        IEnumerable<object?[]> rows = TapSchemaTables.Rows(table);
        if (query.Where is { } where)
            rows = rows.Where(PredicateEvaluator.Compile<object?[]>(where, name => Index(name) is var i ? row => row[i] : null!));
        if (query.OrderBy.Count > 0)
        {
            IOrderedEnumerable<object?[]>? ordered = null;
            foreach (var key in query.OrderBy)
            {
                var i = Index(key.Column);
                ordered = ordered is null
                    ? key.Descending ? rows.OrderByDescending(r => r[i], CellOrder.Instance) : rows.OrderBy(r => r[i], CellOrder.Instance)
                    : key.Descending ? ordered.ThenByDescending(r => r[i], CellOrder.Instance) : ordered.ThenBy(r => r[i], CellOrder.Instance);
            }
            rows = ordered!;
        }
        return rows;
    }

    private sealed class CellOrder : IComparer<object?>
    {
        public static readonly CellOrder Instance = new();

        // Nulls first, as SQLite sorts them; then numbers or texts in their natural order.
        public int Compare(object? x, object? y) => (x, y) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            (string s, string t) => string.CompareOrdinal(s, t),
            _ => Convert.ToDouble(x, System.Globalization.CultureInfo.InvariantCulture).CompareTo(Convert.ToDouble(y, System.Globalization.CultureInfo.InvariantCulture)),
        };
    }
}
