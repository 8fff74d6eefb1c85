using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FinkTom.Tests.Elasticsearch.StandIn;

/// <summary>
/// A STAND-IN for an Elasticsearch 9 node, because none can run on this machine: a real HTTP server on 127.0.0.1 that
/// implements, in memory, the REST calls and the query-DSL subset FinkTom uses, with Elasticsearch's documented semantics
/// and the protocol details the official .NET client checks (the <c>X-Elastic-Product: Elasticsearch</c> header on every
/// answer, the versioned media types <c>application/vnd.elasticsearch+json; compatible-with=9</c>, a 9.x <c>GET /</c>)
/// (strict mappings from composable templates, aliases, 409 on <c>create</c> of an existing id, near-real-time refresh,
/// the 10,000-hit result window, float fields, Lucene's geo_point grid, JSON-only content types). It checks FinkTom's
/// client logic end to end; it proves nothing about Elasticsearch itself — the conformance suite against a live cluster
/// (<c>FINKTOM_ES_URL</c>) does that.
/// </summary>
public sealed class ElasticsearchStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _lock = new();
    private readonly Dictionary<string, StandInIndex> _indices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonElement> _templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (List<StandInDocument> Documents, Func<string, string> TypeOf)> _pointsInTime = new(StringComparer.Ordinal);

    private ElasticsearchStandIn(WebApplication app) => _app = app;

    /// <summary>What a test that used the stand-in writes to its output, so that nobody takes it for a real cluster's result.</summary>
    public const string Notice = "Ran against the in-process Elasticsearch STAND-IN (tests/FinkTom.Tests/Elasticsearch/StandIn), not a real " +
        "Elasticsearch 9: set FINKTOM_ES_URL to run the conformance suite on a live cluster (ElasticsearchAlertStoreTests).";

    public string Url { get; private set; } = "";

    /// <summary>Every request as "METHOD /path?query", in order.</summary>
    public List<string> Requests { get; } = [];

    public static async Task<ElasticsearchStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var started = new ElasticsearchStandIn(app);
        app.Run(started.HandleAsync);
        await app.StartAsync();
        started.Url = app.Urls.First();
        return started;
    }

    public IReadOnlyCollection<string> IndexNames { get { lock (_lock) return _indices.Keys.ToList(); } }

    public StandInIndex Index(string name) { lock (_lock) return _indices[name]; }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        // Elasticsearch takes gzip-compressed request bodies (the official client sends them with EnableHttpCompression).
        var gzip = request.Headers.ContentEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase);
        var body = await new StreamReader(gzip ? new System.IO.Compression.GZipStream(request.Body, System.IO.Compression.CompressionMode.Decompress) : request.Body,
            Encoding.UTF8).ReadToEndAsync();
        var path = request.Path.Value ?? "/";
        lock (_lock)
            Requests.Add($"{request.Method} {path}{request.QueryString}");
        int status;
        JsonNode? answer;
        // Every answer of Elasticsearch 7.14+ carries this header; the official clients refuse answers without it.
        context.Response.Headers["X-Elastic-Product"] = "Elasticsearch";
        var compatibleWith = CompatibleWith(request.Headers.Accept.ToString());
        try
        {
            if (body.Length > 0 && !IsJson(request.ContentType, path))
                throw new StandInException(406, "content_type_not_supported", $"Content-Type header [{request.ContentType}] is not supported");
            if (compatibleWith is { } v && v is not (8 or 9) || CompatibleWith(request.ContentType) is { } c && c is not (8 or 9))
                throw new StandInException(400, "media_type_header_exception", "Invalid media-type value on headers [Accept, Content-Type]: compatible-with must be 8 or 9 on Elasticsearch 9");
            lock (_lock)
                (status, answer) = Dispatch(request.Method, path.Trim('/').Split('/'), body, request.Query);
        }
        catch (StandInException e)
        {
            (status, answer) = (e.Status, Error(e.Status, e.Type, e.Message));
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            (status, answer) = (400, Error(400, "parsing_exception", e.Message));
        }
        context.Response.StatusCode = status;
        // A client that asked for a versioned media type gets it back, as Elasticsearch does.
        context.Response.ContentType = compatibleWith is { } version ? $"application/vnd.elasticsearch+json;compatible-with={version}" : "application/json";
        await context.Response.WriteAsync(answer?.ToJsonString() ?? "{}");
    }

    private static bool IsJson(string? contentType, string path) =>
        contentType is not null && (contentType.StartsWith("application/json", StringComparison.Ordinal)
            || contentType.StartsWith("application/vnd.elasticsearch+json", StringComparison.Ordinal)
            || (path.EndsWith("/_bulk", StringComparison.Ordinal) && (contentType.StartsWith("application/x-ndjson", StringComparison.Ordinal)
                || contentType.StartsWith("application/vnd.elasticsearch+x-ndjson", StringComparison.Ordinal))));

    /// <summary>The N of <c>application/vnd.elasticsearch+json; compatible-with=N</c> (REST API compatibility), if given.</summary>
    private static int? CompatibleWith(string? mediaType)
    {
        var match = System.Text.RegularExpressions.Regex.Match(mediaType ?? "", @"vnd\.elasticsearch\+[a-z-]+\s*;\s*compatible-with\s*=\s*(\d+)");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The version this stand-in claims in <c>GET /</c>: a current Elasticsearch 9.</summary>
    public const string Version = "9.2.0";

    private (int, JsonNode?) Dispatch(string method, string[] parts, string body, IQueryCollection query) =>
        Dispatch(method, parts, body, query, query.TryGetValue("refresh", out var r) && r.ToString() is "" or "true" or "wait_for");

    private (int, JsonNode?) Dispatch(string method, string[] parts, string body, IQueryCollection query, bool refresh) => (method, parts) switch
    {
        ("GET", [""]) => (200, Info()),
        ("GET", ["_cluster", "health"]) => (200, Health()),
        ("PUT", ["_index_template", var name]) => PutTemplate(name, body),
        ("DELETE", ["_index_template", var name]) => _templates.Remove(name) ? Acknowledged() : throw new StandInException(404, "resource_not_found_exception", $"index template matching [{name}] not found"),
        ("POST", ["_bulk"]) => (200, Bulk(body)),
        ("GET", ["_cat", "indices", var pattern]) => (200, new JsonArray([.. Resolve(pattern).Select(i => (JsonNode)new JsonObject { ["index"] = i.Name })])),
        ("PUT", [var index]) => CreateIndex(index, body),
        ("PUT" or "POST", [var index, "_create", var id]) => CreateDocument(index, id, body, refresh),
        ("DELETE", [var index, "_doc", var id]) => DeleteDocument(index, id, refresh),
        ("POST", [var target, "_pit"]) => OpenPointInTime(target, query),
        ("POST", ["_search"]) => (200, PointInTimeSearch(Json(body))),
        ("DELETE", ["_pit"]) => ClosePointInTime(Json(body)),
        ("DELETE", [var names]) => DeleteIndices(names),
        ("POST", [var target, "_search"]) when Json(body).TryGetProperty("pit", out _) =>
            throw new StandInException(400, "action_request_validation_exception", "Validation Failed: 1: [indices] cannot be used with point in time. Do not specify any index with point in time.;"),
        ("POST", [var target, "_search"]) => (200, new StandInSearch(TypeOf(target)).Run(Json(body), Resolve(target).SelectMany(i => i.Visible).ToList())),
        ("POST", [var target, "_count"]) => (200, Count(target, body)),
        ("POST", [var target, "_refresh"]) => Refresh(target),
        _ => throw new StandInException(405, "illegal_argument_exception", $"no handler for {method} /{string.Join('/', parts)}"),
    };

    /// <summary><c>GET /</c> with every field an Elasticsearch 9 node answers (the typed client reads them all).</summary>
    private static JsonObject Info() => new()
    {
        ["name"] = "stand-in", ["cluster_name"] = "finktom-tests", ["cluster_uuid"] = "c0ffee00standin0000000",
        ["version"] = new JsonObject
        {
            ["number"] = Version, ["build_flavor"] = "default", ["build_type"] = "docker", ["build_hash"] = "0000000000000000000000000000000000000000",
            ["build_date"] = "2025-10-01T00:00:00.000000000Z", ["build_snapshot"] = false, ["lucene_version"] = "10.3.0",
            ["minimum_wire_compatibility_version"] = "8.19.0", ["minimum_index_compatibility_version"] = "8.0.0",
        },
        ["tagline"] = "You Know, for Search",
    };

    /// <summary><c>GET /_cluster/health</c> of a one-node cluster, every field as Elasticsearch 9 answers.</summary>
    private JsonObject Health() => new()
    {
        ["cluster_name"] = "finktom-tests", ["status"] = "green", ["timed_out"] = false, ["number_of_nodes"] = 1, ["number_of_data_nodes"] = 1,
        ["active_primary_shards"] = _indices.Count, ["active_shards"] = _indices.Count, ["relocating_shards"] = 0, ["initializing_shards"] = 0,
        ["unassigned_shards"] = 0, ["unassigned_primary_shards"] = 0, ["delayed_unassigned_shards"] = 0, ["number_of_pending_tasks"] = 0,
        ["number_of_in_flight_fetch"] = 0, ["task_max_waiting_in_queue_millis"] = 0, ["active_shards_percent_as_number"] = 100.0,
    };

    private (int, JsonNode?) PutTemplate(string name, string body)
    {
        var template = Json(body);
        _ = template.GetProperty("index_patterns");
        _ = template.GetProperty("template").GetProperty("mappings").GetProperty("properties");
        _templates[name] = template;
        return Acknowledged();
    }

    private (int, JsonNode?) CreateIndex(string name, string? body = null)
    {
        if (name.StartsWith('_') || name != name.ToLowerInvariant())
            throw new StandInException(400, "invalid_index_name_exception", $"Invalid index name [{name}]");
        if (_indices.ContainsKey(name))
            throw new StandInException(400, "resource_already_exists_exception", $"index [{name}] already exists");
        var template = _templates.Values.Where(t => t.GetProperty("index_patterns").EnumerateArray().Any(p => Glob(p.GetString()!, name)))
            .OrderByDescending(t => t.TryGetProperty("priority", out var p) ? p.GetInt32() : 0).FirstOrDefault();
        var mappings = new Dictionary<string, string>(StringComparer.Ordinal);
        var strict = false;
        var aliases = new List<string>();
        // Mappings in the request body (an index no template covers) as Elasticsearch takes them: { "mappings": ... }.
        if (template.ValueKind != JsonValueKind.Object && !string.IsNullOrWhiteSpace(body) && Json(body).TryGetProperty("mappings", out var own))
            template = Json(new JsonObject { ["template"] = JsonNode.Parse(new JsonObject { ["mappings"] = JsonNode.Parse(own.GetRawText()) }.ToJsonString()) }.ToJsonString());
        if (template.ValueKind == JsonValueKind.Object)
        {
            var t = template.GetProperty("template");
            var m = t.GetProperty("mappings");
            strict = m.TryGetProperty("dynamic", out var d) && d.GetString() == "strict";
            foreach (var property in m.GetProperty("properties").EnumerateObject())
                mappings[property.Name] = property.Value.GetProperty("type").GetString()!;
            if (t.TryGetProperty("aliases", out var a))
                aliases.AddRange(a.EnumerateObject().Select(p => p.Name));
        }
        _indices[name] = new StandInIndex(name, mappings, strict, aliases);
        return (200, new JsonObject { ["acknowledged"] = true, ["index"] = name });
    }

    private (int, JsonNode?) DeleteIndices(string names)
    {
        foreach (var name in names.Split(','))
        {
            if (name.Contains('*'))
                throw new StandInException(400, "illegal_argument_exception", "Wildcard expressions or all indices are not allowed");
            if (!_indices.Remove(name))
                throw new StandInException(404, "index_not_found_exception", $"no such index [{name}]");
        }
        return Acknowledged();
    }

    private JsonObject Bulk(string body)
    {
        if (!body.EndsWith('\n'))
            throw new StandInException(400, "illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]");
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var items = new JsonArray();
        var errors = false;
        for (var i = 0; i < lines.Length; i += 2)
        {
            var action = Json(lines[i]).EnumerateObject().Single();
            var meta = action.Value;
            var index = meta.GetProperty("_index").GetString()!;
            var id = meta.GetProperty("_id").GetString()!;
            if (!_indices.ContainsKey(index))
                CreateIndex(index); // action.auto_create_index, on by default
            var (status, type, reason) = action.Name switch
            {
                "create" or "index" => _indices[index].Put(id, Json(lines[i + 1]), create: action.Name == "create", ExternalVersion(meta)),
                "update" => _indices[index].Update(id, Json(lines[i + 1])),
                _ => throw new StandInException(400, "illegal_argument_exception", $"Malformed action/metadata line [{i + 1}]"),
            };
            var item = new JsonObject { ["_index"] = index, ["_id"] = id, ["status"] = status };
            if (type is not null)
            {
                item["error"] = new JsonObject { ["type"] = type, ["reason"] = reason };
                errors = true;
            }
            items.Add(new JsonObject { [action.Name] = item });
        }
        return new JsonObject { ["took"] = 1, ["errors"] = errors, ["items"] = items };
    }

    /// <summary>
    /// <c>POST /{target}/_pit?keep_alive=…</c>: a frozen copy of the documents visible now, each with its
    /// <c>_shard_doc</c> (the implicit tie-breaker Elasticsearch sorts point-in-time searches on last).
    /// </summary>
    private (int, JsonNode?) OpenPointInTime(string target, IQueryCollection query)
    {
        if (!query.ContainsKey("keep_alive"))
            throw new StandInException(400, "action_request_validation_exception", "Validation Failed: 1: [keep_alive] is not specified;");
        var indices = Resolve(target);
        if (indices.Count == 0 && !target.Contains('*') && !(query.TryGetValue("ignore_unavailable", out var ignore) && ignore == "true"))
            throw new StandInException(404, "index_not_found_exception", $"no such index [{target}]");
        var n = 0L;
        var frozen = indices.SelectMany(i => i.Visible).Select(d =>
            d with { Values = new Dictionary<string, object>(d.Values, StringComparer.Ordinal) { ["_shard_doc"] = n++ } }).ToList();
        var typeOf = TypeOf(target);
        var id = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        _pointsInTime[id] = (frozen, f => f == "_shard_doc" ? "long" : typeOf(f));
        return (200, new JsonObject { ["id"] = id, ["_shards"] = new JsonObject { ["total"] = indices.Count, ["successful"] = indices.Count, ["skipped"] = 0, ["failed"] = 0 } });
    }

    /// <summary><c>POST /_search</c> with <c>pit</c>: the frozen documents, sorted with <c>_shard_doc</c> added last, the id handed back.</summary>
    private JsonObject PointInTimeSearch(JsonElement body)
    {
        if (!body.TryGetProperty("pit", out var pit))
            throw new StandInException(400, "illegal_argument_exception", "the stand-in searches all indices only in a point in time");
        var id = pit.GetProperty("id").GetString()!;
        if (!_pointsInTime.TryGetValue(id, out var frozen))
            throw new StandInException(404, "search_context_missing_exception", $"No search context found for id [{id}]");
        var request = JsonNode.Parse(body.GetRawText())!.AsObject();
        var sort = request["sort"] as JsonArray ?? [];
        if (!sort.Any(c => c is JsonObject o && o.ContainsKey("_shard_doc")))
            sort.Add(new JsonObject { ["_shard_doc"] = new JsonObject { ["order"] = "asc" } });
        request["sort"] = sort.DeepClone();
        var answer = new StandInSearch(frozen.TypeOf).Run(Json(request.ToJsonString()), frozen.Documents);
        answer["pit_id"] = id;
        return answer;
    }

    /// <summary><c>DELETE /_pit</c> with <c>{"id": …}</c>.</summary>
    private (int, JsonNode?) ClosePointInTime(JsonElement body)
    {
        var freed = _pointsInTime.Remove(body.GetProperty("id").GetString()!);
        return (freed ? 200 : 404, new JsonObject { ["succeeded"] = freed, ["num_freed"] = freed ? 1 : 0 });
    }

    /// <summary>Points in time still open (a test checks that FinkTom closes those it opens).</summary>
    public int OpenPointsInTime { get { lock (_lock) return _pointsInTime.Count; } }

    /// <summary><c>PUT /{index}/_create/{id}</c>: 201 and the write's metadata, or 409 when the id exists.</summary>
    private (int, JsonNode?) CreateDocument(string index, string id, string body, bool refresh)
    {
        if (!_indices.ContainsKey(index))
            CreateIndex(index); // action.auto_create_index, on by default
        var (status, type, reason) = _indices[index].Put(id, Json(body), create: true);
        if (type is not null)
            throw new StandInException(status, type, reason!);
        if (refresh)
            _indices[index].Refresh();
        return (status, WriteAnswer(index, id, "created", refresh));
    }

    /// <summary><c>DELETE /{index}/_doc/{id}</c>: 200 "deleted", or 404 "not_found" with the same shape (not an error body).</summary>
    private (int, JsonNode?) DeleteDocument(string index, string id, bool refresh)
    {
        if (!_indices.TryGetValue(index, out var target))
            throw new StandInException(404, "index_not_found_exception", $"no such index [{index}]");
        var deleted = target.Delete(id);
        if (refresh)
            target.Refresh();
        return (deleted ? 200 : 404, WriteAnswer(index, id, deleted ? "deleted" : "not_found", refresh));
    }

    private static JsonObject WriteAnswer(string index, string id, string result, bool refreshed)
    {
        var answer = new JsonObject
        {
            ["_index"] = index, ["_id"] = id, ["_version"] = 1, ["result"] = result,
            ["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["failed"] = 0 }, ["_seq_no"] = 0, ["_primary_term"] = 1,
        };
        if (refreshed)
            answer["forced_refresh"] = true;
        return answer;
    }

    /// <summary>The <c>version</c> of an action with <c>version_type: external_gte</c>, the only external type FinkTom sends.</summary>
    private static long? ExternalVersion(JsonElement meta)
    {
        if (!meta.TryGetProperty("version_type", out var type))
            return null;
        if (type.GetString() != "external_gte")
            throw new StandInException(400, "illegal_argument_exception", $"the stand-in knows version_type external_gte only, got [{type}]");
        return meta.GetProperty("version").GetInt64();
    }

    private JsonObject Count(string target, string body)
    {
        var query = Json(body).TryGetProperty("query", out var q) ? q : Json("""{"match_all":{}}""");
        var typeOf = TypeOf(target);
        return new JsonObject { ["count"] = Resolve(target).SelectMany(i => i.Visible).Count(d => StandInQuery.Matches(query, d, typeOf)) };
    }

    private (int, JsonNode?) Refresh(string target)
    {
        foreach (var index in Resolve(target))
            index.Refresh();
        return (200, new JsonObject { ["_shards"] = new JsonObject { ["failed"] = 0 } });
    }

    /// <summary>Comma-separated index names, aliases and wildcard patterns; missing ones are ignored (ignore_unavailable).</summary>
    private List<StandInIndex> Resolve(string target) =>
        target.Split(',').SelectMany(part => _indices.Values.Where(i => i.Name == part || i.Aliases.Contains(part) || (part.Contains('*') && Glob(part, i.Name))))
            .Distinct().ToList();

    private Func<string, string> TypeOf(string target)
    {
        var indices = Resolve(target);
        return field => indices.Select(i => i.Mappings.GetValueOrDefault(field)).FirstOrDefault(t => t is not null)
            ?? throw new StandInException(400, "query_shard_exception", $"No mapping found for [{field}]");
    }

    private static bool Glob(string pattern, string name) =>
        System.Text.RegularExpressions.Regex.IsMatch(name, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace("\\*", ".*") + "$");

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static (int, JsonNode?) Acknowledged() => (200, new JsonObject { ["acknowledged"] = true });

    private static JsonObject Error(int status, string type, string reason) => new()
    {
        ["error"] = new JsonObject { ["root_cause"] = new JsonArray(new JsonObject { ["type"] = type, ["reason"] = reason }), ["type"] = type, ["reason"] = reason },
        ["status"] = status,
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
