using System.Text.Json;
using System.Text.Json.Nodes;

namespace FinkTom.Tests.Elasticsearch.StandIn;

/// <summary>
/// Runs a <c>_search</c> body over documents: query, sort (fields with <c>missing</c>, and FinkTom's script sort),
/// <c>search_after</c>, <c>collapse</c>, <c>from</c>/<c>size</c> within <c>index.max_result_window</c> (10,000),
/// <c>_source</c> filtering, and the aggregations FinkTom uses (composite with top_hits, min, max, cardinality; filter,
/// histogram and terms for the night statistics).
/// </summary>
public sealed class StandInSearch(Func<string, string> typeOf)
{
    private sealed record SortSpec(string? Field, JsonElement? Script, bool Descending, bool MissingFirst);

    public JsonObject Run(JsonElement body, IReadOnlyList<StandInDocument> documents)
    {
        var matching = documents.Where(d => !body.TryGetProperty("query", out var q) || StandInQuery.Matches(q, d, typeOf)).ToList();
        var from = body.TryGetProperty("from", out var f) ? f.GetInt32() : 0;
        var size = body.TryGetProperty("size", out var s) ? s.GetInt32() : 10;
        if (from + size > 10_000)
            throw new StandInException(400, "illegal_argument_exception", $"Result window is too large, from + size must be less than or equal to: [10000] but was [{from + size}].");
        var sorts = body.TryGetProperty("sort", out var sort) ? SortSpecs(sort) : [];
        var ordered = Sort(matching, sorts);
        if (body.TryGetProperty("search_after", out var after))
        {
            if (from > 0)
                throw new StandInException(400, "illegal_argument_exception", "[from] parameter must be set to 0 when [search_after] is used");
            var keys = after.EnumerateArray().Select((v, i) => AfterValue(v, sorts[i])).ToArray();
            ordered = ordered.Where(d => CompareKeys(Keys(d, sorts), keys, sorts) > 0).ToList();
        }
        if (body.TryGetProperty("collapse", out var collapse))
        {
            var field = collapse.GetProperty("field").GetString()!;
            ordered = ordered.Where(d => d.Values.ContainsKey(field)).GroupBy(d => d.Values[field]).Select(g => g.First()).ToList();
        }
        var page = ordered.Skip(from).Take(size).ToList();

        var hits = new JsonObject();
        if (!body.TryGetProperty("track_total_hits", out var track) || track.ValueKind != JsonValueKind.False)
            hits["total"] = new JsonObject { ["value"] = matching.Count, ["relation"] = "eq" };
        hits["max_score"] = null; // filter context and sorts: no scores
        hits["hits"] = new JsonArray([.. page.Select(d => Hit(d, body, sorts))]);
        var response = new JsonObject
        {
            ["took"] = 1, ["timed_out"] = false,
            ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["skipped"] = 0, ["failed"] = 0 }, ["hits"] = hits,
        };
        if (body.TryGetProperty("aggs", out var aggs) || body.TryGetProperty("aggregations", out aggs))
            response["aggregations"] = Aggregations(aggs, matching);
        return response;
    }

    private List<SortSpec> SortSpecs(JsonElement sort) => sort.EnumerateArray().Select(clause =>
    {
        var property = clause.EnumerateObject().Single();
        var order = property.Value.TryGetProperty("order", out var o) ? o.GetString() : "asc";
        var missing = property.Value.TryGetProperty("missing", out var m) ? m.GetString() : "_last";
        var script = property.Name == "_script" ? property.Value.GetProperty("script") : (JsonElement?)null;
        return new SortSpec(property.Name == "_script" ? null : property.Name, script, order == "desc", missing == "_first");
    }).ToList();

    private static List<StandInDocument> Sort(List<StandInDocument> documents, List<SortSpec> sorts) =>
        sorts.Count == 0 ? documents : documents.Select(d => (Doc: d, Keys: Keys(d, sorts)))
            .OrderBy(x => x.Keys, Comparer<object?[]>.Create((a, b) => CompareKeys(a, b, sorts))).Select(x => x.Doc).ToList();

    private static object?[] Keys(StandInDocument doc, List<SortSpec> sorts) =>
        sorts.Select(s => s.Script is { } script ? StandInQuery.Script(script, doc) : doc.Values.GetValueOrDefault(s.Field!)).ToArray();

    private static int CompareKeys(object?[] a, object?[] b, List<SortSpec> sorts)
    {
        for (var i = 0; i < sorts.Count; i++)
        {
            int order;
            if (a[i] is null || b[i] is null)
                order = a[i] is null == b[i] is null ? 0 : (a[i] is null ? -1 : 1) * (sorts[i].MissingFirst ? 1 : -1);
            else
                order = StandInValues.Compare(a[i]!, b[i]!) * (sorts[i].Descending ? -1 : 1);
            if (order != 0)
                return order;
        }
        return 0;
    }

    private object? AfterValue(JsonElement value, SortSpec sort) =>
        value.ValueKind == JsonValueKind.Null ? null
        : sort.Script is not null ? value.GetDouble()
        : StandInValues.Query(typeOf(sort.Field!), value);

    private static JsonObject Hit(StandInDocument doc, JsonElement body, List<SortSpec> sorts)
    {
        var hit = new JsonObject { ["_index"] = doc.Index, ["_id"] = doc.Id, ["_score"] = null };
        if (Source(doc.Source, body) is { } source)
            hit["_source"] = source;
        if (sorts.Count > 0)
            hit["sort"] = new JsonArray([.. Keys(doc, sorts).Select(ToNode)]);
        return hit;
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        double d => JsonValue.Create(d),
        long l => JsonValue.Create(l),
        string str => JsonValue.Create(str),
        bool b => JsonValue.Create(b ? 1 : 0), // Elasticsearch sorts and returns booleans as 0/1
        _ => throw new InvalidOperationException($"no JSON for {value.GetType().Name}"),
    };

    private static JsonNode? Source(JsonElement source, JsonElement body)
    {
        var all = JsonNode.Parse(source.GetRawText())!.AsObject();
        if (!body.TryGetProperty("_source", out var filter))
            return all;
        if (filter.ValueKind == JsonValueKind.False)
            return null;
        if (filter.TryGetProperty("includes", out var includes))
        {
            var keep = includes.EnumerateArray().Select(e => e.GetString()).ToHashSet();
            foreach (var name in all.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
                all.Remove(name);
        }
        if (filter.TryGetProperty("excludes", out var excludes))
            foreach (var name in excludes.EnumerateArray())
                all.Remove(name.GetString()!);
        return all;
    }

    private JsonObject Aggregations(JsonElement aggs, List<StandInDocument> documents)
    {
        var result = new JsonObject();
        foreach (var agg in aggs.EnumerateObject())
        {
            var kind = agg.Value.EnumerateObject().First(p => p.Name is not ("aggs" or "aggregations"));
            var field = kind.Value.TryGetProperty("field", out var fe) ? fe.GetString()! : null;
            var values = field is null ? [] : documents.Where(d => d.Values.ContainsKey(field)).Select(d => d.Values[field]).ToList();
            result[agg.Name] = kind.Name switch
            {
                "min" => new JsonObject { ["value"] = values.Count == 0 ? null : JsonValue.Create(values.Min(v => Convert.ToDouble(v))) },
                "max" => new JsonObject { ["value"] = values.Count == 0 ? null : JsonValue.Create(values.Max(v => Convert.ToDouble(v))) },
                "cardinality" => new JsonObject { ["value"] = values.Distinct().Count() },
                "top_hits" => TopHits(kind.Value, documents),
                "composite" => Composite(agg.Value, kind.Value, documents),
                "filter" => Bucket(agg.Value, documents.Where(d => StandInQuery.Matches(kind.Value, d, typeOf)).ToList()),
                "histogram" => Histogram(agg.Value, kind.Value, field!, documents),
                "terms" => TermsBuckets(agg.Value, kind.Value, field!, documents),
                _ => throw new StandInException(400, "parsing_exception", $"unknown aggregation [{kind.Name}]"),
            };
        }
        return result;
    }

    /// <summary>A single-bucket aggregation (filter): its count and sub-aggregations.</summary>
    private JsonObject Bucket(JsonElement agg, List<StandInDocument> documents)
    {
        var bucket = new JsonObject { ["doc_count"] = documents.Count };
        if (agg.TryGetProperty("aggs", out var sub))
            foreach (var (name, value) in Aggregations(sub, documents).ToList())
                bucket[name] = value?.DeepClone();
        return bucket;
    }

    /// <summary>Fixed-width numeric buckets keyed floor((v − offset) / interval) × interval + offset, ascending;
    /// empty ones only with min_doc_count 0 (not supported here: the stand-in always leaves them out).</summary>
    private JsonObject Histogram(JsonElement agg, JsonElement spec, string field, List<StandInDocument> documents)
    {
        var interval = spec.GetProperty("interval").GetDouble();
        var offset = spec.TryGetProperty("offset", out var o) ? o.GetDouble() : 0;
        var buckets = new JsonArray();
        foreach (var group in documents.Where(d => d.Values.ContainsKey(field))
                     .GroupBy(d => Math.Floor((Convert.ToDouble(d.Values[field]) - offset) / interval) * interval + offset).OrderBy(g => g.Key))
        {
            var bucket = Bucket(agg, group.ToList());
            bucket["key"] = group.Key;
            buckets.Add(bucket);
        }
        return new JsonObject { ["buckets"] = buckets };
    }

    /// <summary>One bucket per distinct value, most documents first (ties by value), at most <c>size</c> (default 10).</summary>
    private JsonObject TermsBuckets(JsonElement agg, JsonElement spec, string field, List<StandInDocument> documents)
    {
        var size = spec.TryGetProperty("size", out var s) ? s.GetInt32() : 10;
        var buckets = new JsonArray();
        foreach (var group in documents.Where(d => d.Values.ContainsKey(field)).GroupBy(d => d.Values[field])
                     .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, Comparer<object>.Create(StandInValues.Compare)).Take(size))
        {
            var bucket = Bucket(agg, group.ToList());
            bucket["key"] = ToNode(group.Key);
            buckets.Add(bucket);
        }
        return new JsonObject { ["buckets"] = buckets };
    }

    private JsonObject TopHits(JsonElement spec, List<StandInDocument> documents)
    {
        var sorts = spec.TryGetProperty("sort", out var sort) ? SortSpecs(sort) : [];
        var size = spec.TryGetProperty("size", out var s) ? s.GetInt32() : 3;
        var top = Sort(documents, sorts).Take(size);
        return new JsonObject
        {
            ["hits"] = new JsonObject
            {
                ["total"] = new JsonObject { ["value"] = documents.Count, ["relation"] = "eq" },
                ["hits"] = new JsonArray([.. top.Select(d => Hit(d, spec, sorts))]),
            },
        };
    }

    private JsonObject Composite(JsonElement agg, JsonElement spec, List<StandInDocument> documents)
    {
        var source = spec.GetProperty("sources").EnumerateArray().Single().EnumerateObject().Single();
        var field = source.Value.GetProperty("terms").GetProperty("field").GetString()!;
        var size = spec.TryGetProperty("size", out var s) ? s.GetInt32() : 10;
        var groups = documents.Where(d => d.Values.ContainsKey(field)).GroupBy(d => d.Values[field])
            .OrderBy(g => g.Key, Comparer<object>.Create(StandInValues.Compare)).AsEnumerable();
        if (spec.TryGetProperty("after", out var after))
        {
            var key = StandInValues.Query(typeOf(field), after.GetProperty(source.Name));
            groups = groups.Where(g => StandInValues.Compare(g.Key, key) > 0);
        }
        var buckets = new JsonArray();
        JsonObject? lastKey = null;
        foreach (var group in groups.Take(size))
        {
            lastKey = new JsonObject { [source.Name] = ToNode(group.Key) };
            var bucket = new JsonObject { ["key"] = lastKey.DeepClone(), ["doc_count"] = group.Count() };
            if (agg.TryGetProperty("aggs", out var sub))
                foreach (var (name, value) in Aggregations(sub, group.ToList()).ToList())
                    bucket[name] = value?.DeepClone();
            buckets.Add(bucket);
        }
        var result = new JsonObject { ["buckets"] = buckets };
        if (lastKey is not null)
            result["after_key"] = lastKey;
        return result;
    }
}
