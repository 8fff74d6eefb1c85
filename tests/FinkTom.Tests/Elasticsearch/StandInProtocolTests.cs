using Elastic.Clients.Elasticsearch;
using FinkTom.Core.Query;
using FinkTom.Store.Elasticsearch;
using FinkTom.Store.Elasticsearch.Api;
using FinkTom.Tests.Elasticsearch.StandIn;
using FinkTom.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>
/// The stand-in answers the official client as an Elasticsearch 9 node does (the client would refuse it otherwise), and
/// the store refuses a server that is not Elasticsearch: what the client's product check is for.
/// </summary>
public sealed class StandInProtocolTests
{
    [Fact]
    public async Task The_official_client_reads_the_stand_in_as_an_elasticsearch_9_node()
    {
        await using var standIn = await ElasticsearchStandIn.StartAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(ElasticsearchStandIn.Notice);
        var client = ElasticsearchConnection.CreateClient(new ElasticsearchStoreOptions { Url = standIn.Url });

        var info = await client.InfoAsync(TestContext.Current.CancellationToken);
        var health = await client.Cluster.HealthAsync(TestContext.Current.CancellationToken);

        Assert.True(info.IsValidResponse, info.DebugInformation);
        Assert.Equal(ElasticsearchStandIn.Version, info.Version.Number);
        Assert.StartsWith("9.", info.Version.Number);
        Assert.Equal("finktom-tests", info.ClusterName);
        Assert.True(health.IsValidResponse, health.DebugInformation);
        Assert.Matches(@"^application/vnd\.elasticsearch\+json; ?compatible-with=9$", info.ApiCallDetails.ResponseContentType);
    }

    [Fact]
    public async Task A_deep_read_walks_one_point_in_time_blind_to_alerts_stored_meanwhile_and_closes_it()
    {
        await using var standIn = await ElasticsearchStandIn.StartAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(ElasticsearchStandIn.Notice);
        var options = new ElasticsearchStoreOptions { Url = standIn.Url, IndexPrefix = "pit", Replicas = 0, ReadYourWrites = false };
        var store = new ElasticsearchAlertStore(ElasticsearchConnection.CreateClient(options), options);
        var ct = TestContext.Current.CancellationToken;
        var first = Enumerable.Range(1, 2500).Select(i => TestAlerts.Make(i, $"ZTF{i % 97}", 2460000.5 + i / 1000.0, 10, 10)).ToList();
        await store.WriteAsync(first, ct);
        await store.RefreshAsync();

        var read = new List<long>();
        await foreach (var alert in store.QueryAsync(new AlertQuery { OrderBy = [SortKey.JdDescending] }, ct))
        {
            read.Add(alert.Candid);
            if (read.Count == 1) // alerts of earlier nights stored after the walk began would sort into the pages not read yet
            {
                await store.WriteAsync([.. Enumerable.Range(5001, 1500).Select(i => TestAlerts.Make(i, $"ZTF{i}", 2459990.5 + i / 1000.0, 10, 10))], ct);
                await store.RefreshAsync();
            }
        }

        Assert.Equal(first.Select(a => a.Candid).OrderDescending(), read); // the view of when the walk began, each alert once
        Assert.Contains(standIn.Requests, r => r.StartsWith("POST /pit-alerts/_pit?", StringComparison.Ordinal));
        Assert.Equal(0, standIn.OpenPointsInTime);
    }

    [Fact]
    public async Task A_server_that_does_not_say_it_is_elasticsearch_is_refused()
    {
        using var server = WireMockServer.Start();
        // An Elasticsearch-shaped answer without X-Elastic-Product: a proxy's imitation, an old or foreign server.
        server.Given(Request.Create().WithPath("/").UsingGet()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json").WithBody("""{"cluster_name":"imitation","version":{"number":"9.2.0"}}"""));
        var options = new ElasticsearchStoreOptions { Url = server.Url!, IndexPrefix = "t", MaxRetries = 0 };
        var store = new ElasticsearchAlertStore(ElasticsearchConnection.CreateClient(options), options);

        var error = await Assert.ThrowsAsync<ElasticsearchException>(() => store.CountAsync(new AlertQuery(), TestContext.Current.CancellationToken));

        Assert.Contains("X-Elastic-Product", error.Message);
        Assert.DoesNotContain(server.LogEntries, e => e.RequestMessage.Path.StartsWith("/_index_template", StringComparison.Ordinal));
    }
}
