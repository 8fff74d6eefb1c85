using System.Text.Json.Nodes;

namespace FinkTom.Store.Elasticsearch.Query;

/// <summary>Builders for the few query-DSL clauses FinkTom uses, spelled as in the Elasticsearch query DSL reference.</summary>
public static class Dsl
{
    public static JsonObject MatchAll() => new() { ["match_all"] = new JsonObject() };

    public static JsonObject MatchNone() => new() { ["match_none"] = new JsonObject() };

    /// <summary>The field has a value (null and absent fields have none).</summary>
    public static JsonObject Exists(string field) => new() { ["exists"] = new JsonObject { ["field"] = field } };

    public static JsonObject Term(string field, JsonNode? value) => new() { ["term"] = new JsonObject { [field] = value } };

    public static JsonObject Terms(string field, IEnumerable<JsonNode?> values) =>
        new() { ["terms"] = new JsonObject { [field] = new JsonArray([.. values]) } };

    /// <summary><c>range</c> with any of <c>gt</c>, <c>gte</c>, <c>lt</c>, <c>lte</c> (null bounds left out).</summary>
    public static JsonObject Range(string field, JsonNode? gte = null, JsonNode? lte = null, JsonNode? gt = null, JsonNode? lt = null)
    {
        var bounds = new JsonObject();
        if (gt is not null) bounds["gt"] = gt;
        if (gte is not null) bounds["gte"] = gte;
        if (lt is not null) bounds["lt"] = lt;
        if (lte is not null) bounds["lte"] = lte;
        return new JsonObject { ["range"] = new JsonObject { [field] = bounds } };
    }

    /// <summary>All of the clauses, in filter context (no scoring, cacheable).</summary>
    public static JsonObject Filter(IEnumerable<JsonObject> clauses) =>
        new() { ["bool"] = new JsonObject { ["filter"] = new JsonArray([.. clauses]) } };

    public static JsonObject AnyOf(IEnumerable<JsonObject> clauses) =>
        new() { ["bool"] = new JsonObject { ["should"] = new JsonArray([.. clauses]), ["minimum_should_match"] = 1 } };

    public static JsonObject Not(JsonObject clause) => new() { ["bool"] = new JsonObject { ["must_not"] = new JsonArray(clause) } };

    /// <summary>A sort clause on a field. Missing values sort lowest (first ascending, last descending), as SQL's NULLs do.</summary>
    public static JsonObject SortOn(string field, bool descending) => new()
    {
        [field] = new JsonObject { ["order"] = descending ? "desc" : "asc", ["missing"] = descending ? "_last" : "_first" },
    };
}
