using System.Text.Json.Nodes;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Store.Elasticsearch.Mapping;

namespace FinkTom.Store.Elasticsearch.Query;

/// <summary>
/// The parts of a <c>_search</c> body that an <see cref="AlertQuery"/> determines: the filter (every criterion in
/// filter context), the sort (the query's keys, then <c>i_candid</c> so that the order is total and
/// <c>search_after</c> never repeats or skips a row) and the <c>_source</c> columns.
/// </summary>
public static class AlertSearch
{
    public static readonly string CandidField = ColumnCatalog.Candid.SafeName;
    public static readonly string ObjectIdField = ColumnCatalog.ObjectId.SafeName;
    public static readonly string JdField = ColumnCatalog.Jd.SafeName;

    public static JsonObject Filter(AlertQuery query)
    {
        // Serves ZTF only so far; the SQLite store answers the Rubin feed that needs it.
        if (query.WhereLatest is not null)
            throw new NotSupportedException("The Elasticsearch store does not yet filter each object's latest alert (AlertQuery.WhereLatest).");
        var clauses = new List<JsonObject>();
        if (query.ObjectIds is { } ids)
            clauses.Add(ids.Count == 0 ? Dsl.MatchNone() : Dsl.Terms(ObjectIdField, ids.Select(id => (JsonNode)id)));
        if (query.Candid is { } candid)
            clauses.Add(Dsl.Term(CandidField, candid));
        AddRange(clauses, JdField, query.Jd);
        AddRange(clauses, ColumnCatalog.JdStartHist.SafeName, query.FirstDetection);
        if (query.Classification is { } cls)
            clauses.Add(Dsl.Term(ColumnCatalog.Classification.SafeName, cls));
        if (query.TnsType is { } tns)
            clauses.Add(Dsl.Term(ColumnCatalog.Tns.SafeName, tns));
        if (query.SsoNames is { } names)
            clauses.Add(names.Count == 0 ? Dsl.MatchNone() : Dsl.Terms(ColumnCatalog.SsNameNr.SafeName, names.Select(n => (JsonNode)n)));
        if (query.Cone is { } cone)
            clauses.AddRange(ConeDsl.Filters(cone));
        if (query.Where is { } predicate)
            clauses.Add(PredicateDsl.Translate(predicate));
        return clauses.Count == 0 ? Dsl.MatchAll() : Dsl.Filter(clauses);
    }

    private static void AddRange(List<JsonObject> clauses, string field, JdRange? range)
    {
        if (range is { Start: null, Stop: null } or null)
            return;
        clauses.Add(Dsl.Range(field,
            gte: range.Start is { } start ? JsonValue.Create(start) : null,
            lte: range.Stop is { } stop ? JsonValue.Create(stop) : null));
    }

    /// <summary>The query's sort keys then candid, in the last key's direction (<see cref="SortKey.TieBreakDescending"/>).</summary>
    public static JsonArray Sort(AlertQuery query)
    {
        var sort = new JsonArray();
        foreach (var key in query.OrderBy)
        {
            if (key.Column == SortKey.SeparationColumn)
                sort.Add(ConeDsl.SeparationSort(query.Cone ?? throw new ArgumentException("Sorting by separation needs a cone."), key.Descending));
            else
                sort.Add(Dsl.SortOn(ColumnCatalog.Get(key.Column).SafeName, key.Descending));
        }
        sort.Add(Dsl.SortOn(CandidField, descending: SortKey.TieBreakDescending(query.OrderBy)));
        return sort;
    }

    /// <summary>The catalogue columns a query returns: the requested ones plus candid, objectId and jd; all when null.</summary>
    public static IReadOnlyList<ColumnDef> Columns(IReadOnlyList<string>? names) => ColumnCatalog.Selection(names);

    /// <summary><c>_source</c> filtering: the selected columns, or everything but the position fields.</summary>
    public static JsonObject Source(IReadOnlyList<string>? names)
    {
        if (names is null)
        {
            var excluded = new JsonArray(IndexTemplates.PositionField);
            foreach (var axis in IndexTemplates.UnitVectorFields)
                excluded.Add(axis);
            return new JsonObject { ["excludes"] = excluded };
        }
        return new JsonObject { ["includes"] = new JsonArray([.. Columns(names).Select(c => (JsonNode)c.SafeName)]) };
    }

    /// <summary>A sort that "one row per object" can serve with <c>collapse</c>: newest first (or no order at all),
    /// because collapse keeps the first document of each object in the sort order.</summary>
    public static bool IsNewestFirst(IReadOnlyList<SortKey> orderBy) =>
        orderBy.Count == 0 || (orderBy[0] is { Column: "i:jd", Descending: true } && orderBy.Skip(1).All(k => k.Column != SortKey.SeparationColumn));
}
