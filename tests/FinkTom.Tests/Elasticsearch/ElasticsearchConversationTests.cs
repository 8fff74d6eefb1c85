using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Store.Elasticsearch;
using FinkTom.Store.Elasticsearch.Api;
using FinkTom.Tests.Support;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>
/// The HTTP conversation with a cluster, against WireMock.Net as a STAND-IN that gives scripted answers (busy, partly
/// failed, paged): what is sent, in which order, and what the store makes of each answer.
/// </summary>
public sealed class ElasticsearchConversationTests : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly List<TimeSpan> _delays = [];

    public ElasticsearchConversationTests()
    {
        Json(_server.Given(Request.Create().WithPath("/").UsingGet()), 200, """{"cluster_name":"wiremock","version":{"number":"9.2.0"}}""");
        Json(_server.Given(Request.Create().WithPath("/_cluster/health").UsingGet()), 200, """{"cluster_name":"wiremock","status":"green","timed_out":false,"number_of_nodes":1}""");
        Json(_server.Given(Request.Create().WithPath(new WildcardMatcher("/_index_template/*")).UsingPut()), 200, """{"acknowledged":true}""");
        Json(_server.Given(Request.Create().WithPath(new WildcardMatcher("/t-*")).UsingPut()), 200, """{"acknowledged":true}""");
        Json(_server.Given(Request.Create().WithPath(new WildcardMatcher("/*/_refresh")).UsingPost()), 200, """{"_shards":{"failed":0}}""");
        // Fallback for the search that recomputes object summaries after a write: no alerts visible, so no summary to write.
        Json(_server.Given(Request.Create().WithPath(new WildcardMatcher("/*/_search")).UsingPost()).AtPriority(100), 200,
            """{"took":1,"timed_out":false,"hits":{"hits":[]}}""");
    }

    public void Dispose() => _server.Stop();

    private ElasticsearchAlertStore Store(Action<ElasticsearchStoreOptions>? configure = null)
    {
        var options = new ElasticsearchStoreOptions
        {
            Url = _server.Url!, IndexPrefix = "t", ApiKey = "a2V5aWQ6c2VjcmV0", MaxRetries = 3, RetryBaseDelay = TimeSpan.FromMilliseconds(100),
        };
        configure?.Invoke(options);
        return new ElasticsearchAlertStore(ElasticsearchConnection.CreateClient(options), options, (delay, _) =>
        {
            lock (_delays)
                _delays.Add(delay);
            return Task.CompletedTask;
        });
    }

    private static void Json(WireMock.Server.IRespondWithAProvider given, int status, string body) =>
        given.RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json")
            .WithHeader("X-Elastic-Product", "Elasticsearch").WithBody(body)); // the official client refuses answers without it

    private IRequestBuilder Bulk() => Request.Create().WithPath("/_bulk").UsingPost();

    private List<WireMock.Logging.ILogEntry> Requests(string method, string path) =>
        _server.LogEntries.Where(e => e.RequestMessage.Method == method && e.RequestMessage.Path == path).ToList();

    private static string BulkAnswer(params (string Action, int Status, string? Error)[] items) => new JsonObject
    {
        ["took"] = 3,
        ["errors"] = items.Any(i => i.Status >= 300),
        ["items"] = new JsonArray([.. items.Select(i => (JsonNode)new JsonObject
        {
            [i.Action] = i.Error is null
                ? new JsonObject { ["status"] = i.Status }
                : new JsonObject { ["status"] = i.Status, ["error"] = new JsonObject { ["type"] = i.Error, ["reason"] = $"reason for {i.Error}" } },
        })]),
    }.ToJsonString();

    private static List<Alert> TwoAlerts() =>
    [
        TestAlerts.Make(1_000_000_000_000_000_001, "ZTF20aaaaaaa", 2459000.7, 10, 20),
        TestAlerts.Make(1_000_000_000_000_000_002, "ZTF20aaaaaab", 2459031.7, 11, 21),
    ];

    [Fact]
    public async Task Bootstrap_installs_the_four_templates_once_and_creates_each_index_once()
    {
        Json(_server.Given(Bulk()), 200, BulkAnswer(("create", 201, null), ("create", 201, null)));
        var store = Store();

        await store.WriteAsync(TwoAlerts());
        await store.WriteAsync(TwoAlerts());

        var health = Assert.Single(_server.LogEntries, e => e.RequestMessage.Path == "/_cluster/health");
        Assert.Contains("wait_for_status=yellow", health.RequestMessage.RawQuery);
        Assert.Contains("timeout=30s", health.RequestMessage.RawQuery);
        Assert.Equal(["/", "/_cluster/health", "/_index_template/t-alerts"], _server.LogEntries.Take(3).Select(e => e.RequestMessage.Path));
        Assert.Equal(["/_index_template/t-alerts", "/_index_template/t-history", "/_index_template/t-cutouts", "/_index_template/t-objects"],
            _server.LogEntries.Where(e => e.RequestMessage.Path.StartsWith("/_index_template/")).Select(e => e.RequestMessage.Path));
        // 2020-05-31 and 2020-07-01: two monthly indices, and the one objects index, each created once although written twice.
        Assert.Equal(["/t-alerts-2020.05", "/t-alerts-2020.07", "/t-objects-v1"],
            _server.LogEntries.Where(e => e.RequestMessage.Method == "PUT" && e.RequestMessage.Path.StartsWith("/t-")).Select(e => e.RequestMessage.Path));
        var template = JsonNode.Parse(Requests("PUT", "/_index_template/t-alerts")[0].RequestMessage.Body!)!;
        Assert.Equal("t-alerts-*", (string?)template["index_patterns"]![0]);
        Assert.NotNull(template["template"]!["aliases"]!["t-alerts"]); // every new period index joins the read alias
        Assert.Equal("geo_point", (string?)template["template"]!["mappings"]!["properties"]!["pos"]!["type"]);
    }

    [Fact]
    public async Task Bulk_body_is_ndjson_of_create_actions_keyed_by_candid_with_the_api_key()
    {
        Json(_server.Given(Bulk()), 200, BulkAnswer(("create", 201, null), ("create", 409, "version_conflict_engine_exception")));

        var result = await Store().WriteAsync(TwoAlerts());

        Assert.Equal(new FinkTom.Core.Store.StoreWriteResult(1, 1), result); // 409 on create = already stored
        var request = Assert.Single(Requests("POST", "/_bulk")).RequestMessage;
        Assert.Equal("application/vnd.elasticsearch+x-ndjson;compatible-with=9", request.Headers!["Content-Type"].First()); // the client speaks REST API 9
        Assert.Equal("ApiKey a2V5aWQ6c2VjcmV0", request.Headers["Authorization"].First());
        var lines = request.Body!.Split('\n');
        Assert.Equal(5, lines.Length); // two actions, two documents, and the final newline Elasticsearch requires
        Assert.Equal("", lines[4]);
        Assert.Equal("""{"create":{"_index":"t-alerts-2020.05","_id":"1000000000000000001"}}""", lines[0]);
        Assert.Equal("""{"create":{"_index":"t-alerts-2020.07","_id":"1000000000000000002"}}""", lines[2]);
        var document = JsonNode.Parse(lines[1])!;
        Assert.Equal(1_000_000_000_000_000_001, (long)document["i_candid"]!);
        Assert.Equal(20, (double)document["pos"]!["lat"]!);
        Assert.Equal(10, (double)document["pos"]!["lon"]!);
    }

    [Fact]
    public async Task Stamps_go_to_the_cutouts_index_unless_turned_off()
    {
        Json(_server.Given(Bulk()).InScenario("stamps").WillSetStateTo("off"), 200, BulkAnswer(("create", 201, null), ("create", 201, null)));
        Json(_server.Given(Bulk()).InScenario("stamps").WhenStateIs("off"), 200, BulkAnswer(("create", 409, "version_conflict_engine_exception")));
        var alert = TestAlerts.Make(1_000_000_000_000_000_003, "ZTF20aaaaaac", 2459000.7, 10, 20, cutouts: new AlertCutouts([1, 2, 3], [4], [5]));

        await Store().WriteAsync([alert]);
        await Store(o => o.StoreCutouts = false).WriteAsync([alert]);

        var bodies = Requests("POST", "/_bulk").Select(e => e.RequestMessage.Body!.Split('\n')).ToList();
        Assert.Equal("""{"create":{"_index":"t-cutouts-2020.05","_id":"1000000000000000003"}}""", bodies[0][2]);
        Assert.Equal(Convert.ToBase64String([1, 2, 3]), (string?)JsonNode.Parse(bodies[0][3])!["science"]);
        Assert.Equal(3, bodies[1].Length); // the alert alone
    }

    [Fact]
    public async Task A_request_refused_with_429_then_503_is_sent_again_after_growing_delays()
    {
        Json(_server.Given(Bulk()).InScenario("busy").WillSetStateTo("once"), 429,
            """{"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"},"status":429}""");
        Json(_server.Given(Bulk()).InScenario("busy").WhenStateIs("once").WillSetStateTo("twice"), 503,
            """{"error":{"type":"unavailable_shards_exception","reason":"primary shard is not active"},"status":503}""");
        Json(_server.Given(Bulk()).InScenario("busy").WhenStateIs("twice"), 200, BulkAnswer(("create", 201, null), ("create", 201, null)));

        var result = await Store().WriteAsync(TwoAlerts());

        Assert.Equal(new FinkTom.Core.Store.StoreWriteResult(2, 0), result);
        var sent = Requests("POST", "/_bulk").Select(e => e.RequestMessage.Body).ToList();
        Assert.Equal(3, sent.Count);
        Assert.All(sent, body => Assert.Equal(sent[0], body)); // the same documents each time
        Assert.Equal(2, _delays.Count);
        Assert.InRange(_delays[0].TotalMilliseconds, 75, 125);   // base delay ± 25 %
        Assert.InRange(_delays[1].TotalMilliseconds, 150, 250);  // doubled
    }

    [Fact]
    public async Task Items_rejected_as_busy_are_sent_again_alone()
    {
        Json(_server.Given(Bulk()).InScenario("items").WillSetStateTo("retry"), 200,
            BulkAnswer(("create", 201, null), ("create", 429, "es_rejected_execution_exception")));
        Json(_server.Given(Bulk()).InScenario("items").WhenStateIs("retry"), 200, BulkAnswer(("create", 201, null)));

        var result = await Store().WriteAsync(TwoAlerts());

        Assert.Equal(new FinkTom.Core.Store.StoreWriteResult(2, 0), result);
        var second = Requests("POST", "/_bulk")[1].RequestMessage.Body!;
        Assert.StartsWith("""{"create":{"_index":"t-alerts-2020.07","_id":"1000000000000000002"}}""", second);
        Assert.Equal(3, second.Split('\n').Length);
        Assert.Single(_delays);
    }

    [Fact]
    public async Task Items_refused_for_good_are_reported_with_their_reason_and_the_rest_counted()
    {
        Json(_server.Given(Bulk()), 200, BulkAnswer(("create", 201, null), ("create", 400, "document_parsing_exception")));

        var error = await Assert.ThrowsAsync<ElasticsearchBulkException>(() => Store().WriteAsync(TwoAlerts()));

        var failure = Assert.Single(error.Failures);
        Assert.Equal("1000000000000000002", failure.Id);
        Assert.Equal("t-alerts-2020.07", failure.Index);
        Assert.Equal(400, failure.Status);
        Assert.Equal("document_parsing_exception", failure.ErrorType);
        Assert.Contains("1 alerts stored", error.Message);
        Assert.Contains("reason for document_parsing_exception", error.Message);
        Assert.Single(Requests("POST", "/_bulk")); // not retried: the same document would fail again
    }

    [Fact]
    public async Task A_cluster_busy_beyond_the_retries_fails_loudly()
    {
        Json(_server.Given(Bulk()), 429, """{"error":{"type":"es_rejected_execution_exception","reason":"queue full"},"status":429}""");

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => Store().WriteAsync(TwoAlerts()));

        Assert.Contains("HTTP 429 es_rejected_execution_exception: queue full", error.Message);
        Assert.Equal(4, Requests("POST", "/_bulk").Count); // the first try and MaxRetries = 3
    }

    [Fact]
    public async Task Unreachable_credentials_give_a_clear_error()
    {
        _server.Reset();
        Json(_server.Given(Request.Create().WithPath("/").UsingGet()), 401,
            """{"error":{"type":"security_exception","reason":"missing authentication credentials for REST request [/]"},"status":401}""");

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => Store(o => { o.ApiKey = null; o.Username = "elastic"; o.Password = "changeme"; }).GetStatisticsAsync());

        Assert.Contains("HTTP 401 security_exception: missing authentication credentials", error.Message);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("elastic:changeme")),
            _server.LogEntries.Single().RequestMessage.Headers!["Authorization"].First());
    }

    [Fact]
    public async Task An_unreachable_cluster_is_reported_after_the_retries()
    {
        var store = Store(o => { o.Url = "http://127.0.0.1:1"; o.MaxRetries = 2; });

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => store.CountAsync(new AlertQuery()));

        Assert.Contains("could not be reached", error.Message);
        Assert.Equal(2, _delays.Count);
    }

    [Fact]
    public async Task A_red_cluster_is_refused_with_a_clear_reason()
    {
        _server.Reset();
        Json(_server.Given(Request.Create().WithPath("/").UsingGet()), 200, """{"version":{"number":"9.2.0"}}""");
        Json(_server.Given(Request.Create().WithPath("/_cluster/health").UsingGet()), 408, """{"status":"red","timed_out":true,"number_of_nodes":1}""");

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => Store().CountAsync(new AlertQuery()));

        Assert.Contains("cluster is red", error.Message);
        Assert.DoesNotContain(_server.LogEntries, e => e.RequestMessage.Path.StartsWith("/_index_template"));
    }

    [Fact]
    public async Task Credentials_without_cluster_monitoring_skip_the_version_and_health_checks()
    {
        _server.Reset();
        const string forbidden = """{"error":{"type":"security_exception","reason":"action [cluster:monitor/main] is unauthorized"},"status":403}""";
        Json(_server.Given(Request.Create().WithPath("/").UsingGet()), 403, forbidden);
        Json(_server.Given(Request.Create().WithPath("/_cluster/health").UsingGet()), 403, forbidden);
        Json(_server.Given(Request.Create().WithPath(new WildcardMatcher("/_index_template/*")).UsingPut()), 200, """{"acknowledged":true}""");
        Json(_server.Given(Request.Create().WithPath("/t-alerts/_count").UsingPost()), 200, """{"count":5}""");

        Assert.Equal(5, await Store().CountAsync(new AlertQuery()));
        Assert.Equal(4, _server.LogEntries.Count(e => e.RequestMessage.Path.StartsWith("/_index_template/")));
    }

    [Fact]
    public async Task A_cluster_older_than_9_is_refused_with_its_version()
    {
        _server.Reset();
        Json(_server.Given(Request.Create().WithPath("/").UsingGet()), 200, """{"cluster_name":"old","version":{"number":"8.15.0"}}""");

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => Store().CountAsync(new AlertQuery()));

        Assert.Contains("8.15.0 is too old", error.Message);
    }

    private static string Hits(IEnumerable<long> candids, string? pitId = null) => new JsonObject
    {
        ["took"] = 1,
        ["pit_id"] = pitId,
        ["hits"] = new JsonObject
        {
            ["hits"] = new JsonArray([.. candids.Select(c => (JsonNode)new JsonObject
            {
                ["_id"] = c.ToString(),
                ["_source"] = new JsonObject { ["i_candid"] = c, ["i_objectId"] = $"ZTF{c}", ["i_jd"] = 2459000.5 + c },
                ["sort"] = new JsonArray(2459000.5 + c, c),
            })]),
        },
    }.ToJsonString();

    [Fact]
    public async Task Reading_everything_pages_with_search_after_in_one_point_in_time_and_closes_it()
    {
        Json(_server.Given(Request.Create().WithPath("/t-alerts/_pit").UsingPost()), 200,
            """{"id":"pit-1","_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}""");
        var search = Request.Create().WithPath("/_search").UsingPost();
        Json(_server.Given(search).InScenario("pages").WillSetStateTo("second"), 200, Hits(Enumerable.Range(1, 1000).Select(i => (long)i), pitId: "pit-2"));
        Json(_server.Given(search).InScenario("pages").WhenStateIs("second"), 200, Hits([1001, 1002], pitId: "pit-2"));
        Json(_server.Given(Request.Create().WithPath("/_pit").UsingDelete()), 200, """{"succeeded":true,"num_freed":1}""");

        var found = new List<long>();
        await foreach (var alert in Store().QueryAsync(new AlertQuery { OrderBy = [new FinkTom.Core.Query.SortKey("i:jd")] }))
            found.Add(alert.Candid);

        Assert.Equal(Enumerable.Range(1, 1002).Select(i => (long)i), found);
        Assert.Contains("keep_alive=2m", Assert.Single(Requests("POST", "/t-alerts/_pit")).RequestMessage.RawQuery);
        var bodies = Requests("POST", "/_search").Select(e => JsonNode.Parse(e.RequestMessage.Body!)!).ToList();
        Assert.Equal(2, bodies.Count);
        Assert.Empty(Requests("POST", "/t-alerts/_search")); // a point-in-time search names no index
        Assert.Null(bodies[0]["search_after"]);
        Assert.Equal("pit-1", (string?)bodies[0]["pit"]!["id"]);
        Assert.Equal("pit-2", (string?)bodies[1]["pit"]!["id"]); // the id the last answer handed back
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("[2460000.5, 1000]"), bodies[1]["search_after"]));
        Assert.Contains("\"pit-2\"", Assert.Single(Requests("DELETE", "/_pit")).RequestMessage.Body);
    }

    [Fact]
    public async Task One_row_per_object_newest_first_collapses_on_the_object_id()
    {
        Json(_server.Given(Request.Create().WithPath("/t-alerts/_search").UsingPost()), 200, Hits([7, 8]));

        var found = new List<Alert>();
        await foreach (var alert in Store().QueryAsync(new AlertQuery { LatestPerObject = true, OrderBy = [FinkTom.Core.Query.SortKey.JdDescending], Limit = 50, Offset = 10 }))
            found.Add(alert);

        Assert.Equal([7L, 8L], found.Select(a => a.Candid));
        var body = JsonNode.Parse(Assert.Single(Requests("POST", "/t-alerts/_search")).RequestMessage.Body!)!;
        Assert.Equal("i_objectId", (string?)body["collapse"]!["field"]);
        Assert.Equal(10, (int)body["from"]!);
        Assert.Equal(50, (int)body["size"]!);
        Assert.Equal("desc", (string?)body["sort"]![0]!["i_jd"]!["order"]);
    }

    [Fact]
    public async Task Nearest_first_one_row_per_object_pages_a_composite_aggregation_then_fetches_by_id()
    {
        static string Buckets(IEnumerable<int> objects, string? after) => new JsonObject
        {
            ["hits"] = new JsonObject { ["hits"] = new JsonArray() },
            ["aggregations"] = new JsonObject
            {
                ["objects"] = new JsonObject
                {
                    ["after_key"] = after is null ? null : new JsonObject { ["object"] = after },
                    ["buckets"] = new JsonArray([.. objects.Select(o => (JsonNode)new JsonObject
                    {
                        ["key"] = new JsonObject { ["object"] = $"ZTF{o:D5}" },
                        ["latest"] = new JsonObject { ["hits"] = new JsonObject { ["hits"] = new JsonArray(new JsonObject
                        {
                            ["_id"] = o.ToString(),
                            ["_source"] = new JsonObject { ["i_candid"] = o, ["i_objectId"] = $"ZTF{o:D5}", ["i_jd"] = 2459000.5, ["i_ra"] = 10 + o * 1e-4, ["i_dec"] = 20 },
                        }) } },
                    })]),
                },
            },
        }.ToJsonString();
        var search = Request.Create().WithPath("/t-alerts/_search").UsingPost();
        Json(_server.Given(search).InScenario("agg").WillSetStateTo("page 2"), 200, Buckets(Enumerable.Range(1, 1000), "ZTF01000"));
        Json(_server.Given(search).InScenario("agg").WhenStateIs("page 2").WillSetStateTo("fetch"), 200, Buckets([1001], "ZTF01001"));
        Json(_server.Given(search).InScenario("agg").WhenStateIs("fetch"), 200, Hits([2, 3]));

        var found = new List<long>();
        await foreach (var alert in Store().QueryAsync(new AlertQuery
        {
            Cone = new Cone(10, 20, 1), LatestPerObject = true, OrderBy = [FinkTom.Core.Query.SortKey.Separation], Offset = 1, Limit = 2,
        }))
            found.Add(alert.Candid);

        Assert.Equal([2L, 3L], found); // nearest are 1, 2, 3…: offset 1, limit 2
        var bodies = Requests("POST", "/t-alerts/_search").Select(e => JsonNode.Parse(e.RequestMessage.Body!)!).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.Equal("i_objectId", (string?)bodies[0]["aggs"]!["objects"]!["composite"]!["sources"]![0]!["object"]!["terms"]!["field"]);
        Assert.Equal(1, (int)bodies[0]["aggs"]!["objects"]!["aggs"]!["latest"]!["top_hits"]!["size"]!);
        Assert.Null(bodies[0]["aggs"]!["objects"]!["composite"]!["after"]);
        Assert.Equal("ZTF01000", (string?)bodies[1]["aggs"]!["objects"]!["composite"]!["after"]!["object"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""["2","3"]"""), bodies[2]["query"]!["ids"]!["values"]));
    }

    [Fact]
    public async Task Reads_after_a_write_refresh_first_so_the_new_alerts_are_seen()
    {
        Json(_server.Given(Bulk()), 200, BulkAnswer(("create", 201, null), ("create", 201, null)));
        Json(_server.Given(Request.Create().WithPath("/t-alerts/_count").UsingPost()), 200, """{"count":2}""");
        var store = Store();

        await store.WriteAsync(TwoAlerts());
        var count = await store.CountAsync(new AlertQuery());
        await store.CountAsync(new AlertQuery());

        Assert.Equal(2, count);
        var refreshes = _server.LogEntries.Where(e => e.RequestMessage.Path.EndsWith("/_refresh")).ToList();
        Assert.Equal(2, refreshes.Count); // the written alert indices (for the object summaries), then everything before the read
        var refresh = refreshes[1];
        Assert.Equal("/t-alerts,t-history,t-cutouts,t-objects/_refresh", Uri.UnescapeDataString(refresh.RequestMessage.Path));
        var order = _server.LogEntries.Select(e => e.RequestMessage.Path).ToList();
        Assert.True(order.IndexOf(refresh.RequestMessage.Path) < order.IndexOf("/t-alerts/_count"));
    }

    [Fact]
    public async Task A_write_refreshes_its_alert_indices_reads_the_objects_alerts_back_and_indexes_their_summaries_with_an_external_version()
    {
        Json(_server.Given(Bulk()).InScenario("objects").WillSetStateTo("alerts written"), 200, BulkAnswer(("create", 201, null), ("create", 201, null)));
        Json(_server.Given(Bulk()).InScenario("objects").WhenStateIs("alerts written"), 200, BulkAnswer(("index", 201, null)));
        // What the cluster holds for the two objects: an earlier alert of ZTF20aaaaaaa and the one just written; none of the other.
        Json(_server.Given(Request.Create().WithPath("/t-alerts/_search").UsingPost()), 200, """
            {"took":1,"timed_out":false,"hits":{"hits":[
              {"_id":"900","_source":{"i_objectId":"ZTF20aaaaaaa","i_candid":900,"i_jd":2459000.6,"i_ra":10,"i_dec":20,"i_fid":1,"i_magpsf":19.5,"d_classification":"SN candidate","i_ndethist":1},"sort":["ZTF20aaaaaaa",900]},
              {"_id":"1000000000000000001","_source":{"i_objectId":"ZTF20aaaaaaa","i_candid":1000000000000000001,"i_jd":2459000.7,"i_ra":10,"i_dec":20,"i_fid":2,"i_magpsf":18.25,"d_classification":"Unknown","i_ndethist":2},"sort":["ZTF20aaaaaaa",1000000000000000001]}
            ]}}
            """);

        await Store().WriteAsync(TwoAlerts());

        var paths = _server.LogEntries.Select(e => e.RequestMessage.Method + " " + Uri.UnescapeDataString(e.RequestMessage.Path)).ToList();
        var (bulk, refresh, search) = (paths.IndexOf("POST /_bulk"), paths.IndexOf("POST /t-alerts-2020.05,t-alerts-2020.07/_refresh"), paths.IndexOf("POST /t-alerts/_search"));
        Assert.True(bulk >= 0 && bulk < refresh && refresh < search && search < paths.LastIndexOf("POST /_bulk"), string.Join("\n", paths));

        var body = JsonNode.Parse(Assert.Single(Requests("POST", "/t-alerts/_search")).RequestMessage.Body!)!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"terms":{"i_objectId":["ZTF20aaaaaaa","ZTF20aaaaaab"]}}"""), body["query"]));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{"i_objectId":{"order":"asc","missing":"_first"}},{"i_candid":{"order":"asc","missing":"_first"}}]"""), body["sort"]));

        var lines = Requests("POST", "/_bulk")[1].RequestMessage.Body!.Split('\n');
        Assert.Equal(3, lines.Length); // one summary: the object with no alert visible gets none
        Assert.Equal("""{"index":{"_index":"t-objects-v1","_id":"ZTF20aaaaaaa","version":2,"version_type":"external_gte"}}""", lines[0]);
        var summary = JsonNode.Parse(lines[1])!;
        Assert.Equal(2, (int)summary["nalerts"]!);
        Assert.Equal(1_000_000_000_000_000_001, (long)summary["lastcandid"]!);
        Assert.Equal("Unknown", (string?)summary["classification"]);
        Assert.Equal((19.5f, 18.25f), ((float)summary["lastmag_g"]!, (float)summary["lastmag_r"]!));
        Assert.Null(summary["lastmag_i"]);
        Assert.Equal(20, (double)summary["pos"]!["lat"]!, 9);
    }
}
