using System.Text.Json.Nodes;
using FinkTom.Core.Query;
using FinkTom.Store.Elasticsearch.Mapping;

namespace FinkTom.Store.Elasticsearch.Query;

/// <summary>
/// The <c>_search</c> body parts an <see cref="ObjectQuery"/> determines over the <c>objects</c> index: the filter (ids,
/// then the predicate over <see cref="ObjectColumns"/>, translated as alert predicates are) and the sort (the keys, then
/// <c>objectId</c> in the last key's direction, <see cref="SortKey.TieBreakDescending"/>: a total order).
/// </summary>
public static class ObjectSearch
{
    public const string ObjectIdField = "objectId";

    public static JsonObject Filter(ObjectQuery query)
    {
        var clauses = new List<JsonObject>();
        if (query.ObjectIds is { } ids)
            clauses.Add(ids.Count == 0 ? Dsl.MatchNone() : Dsl.Terms(ObjectIdField, ids.Select(id => (JsonNode)id)));
        if (query.Where is { } predicate)
            clauses.Add(PredicateDsl.Translate(predicate, Field));
        return clauses.Count == 0 ? Dsl.MatchAll() : Dsl.Filter(clauses);
    }

    public static JsonArray Sort(ObjectQuery query)
    {
        var sort = new JsonArray();
        foreach (var key in query.OrderBy)
            sort.Add(Dsl.SortOn(ObjectColumns.Get(key.Column).Name, key.Descending));
        sort.Add(Dsl.SortOn(ObjectIdField, descending: SortKey.TieBreakDescending(query.OrderBy)));
        return sort;
    }

    public static JsonObject Body(ObjectQuery query, int size) => new()
    {
        ["query"] = Filter(query),
        ["sort"] = Sort(query),
        ["size"] = size,
        ["_source"] = new JsonObject { ["excludes"] = new JsonArray(IndexTemplates.PositionField) },
        ["track_total_hits"] = false,
    };

    /// <summary>Object columns are stored under their own names.</summary>
    private static PredicateDsl.Field Field(string name)
    {
        var column = ObjectColumns.Get(name);
        return new PredicateDsl.Field(column.Name, column.Name, column.Type);
    }
}
