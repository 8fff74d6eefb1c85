using FinkTom.Core.Store;
using FinkTom.Store.Elasticsearch;
using FinkTom.Store.Elasticsearch.Api;
using FinkTom.Tests.Store;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>
/// The conformance suite on a live Elasticsearch cluster named by <c>FINKTOM_ES_URL</c> (e.g. <c>http://localhost:9200</c>;
/// <c>FINKTOM_ES_API_KEY</c> or <c>FINKTOM_ES_USERNAME</c>/<c>FINKTOM_ES_PASSWORD</c> when it needs credentials). Each
/// test writes into indices of its own prefix and deletes them afterwards. Without the variable every test is reported
/// as skipped, with the reason: no Elasticsearch can run on this machine.
/// </summary>
public sealed class ElasticsearchAlertStoreTests : ElasticsearchConformance
{
    public const string SkipReason =
        "needs a live Elasticsearch: set FINKTOM_ES_URL (e.g. http://localhost:9200, docker compose -f docker/compose.yaml up elasticsearch)";

    private ElasticsearchAlertStore? _store;
    private Elastic.Clients.Elasticsearch.ElasticsearchClient? _client;

    public static ElasticsearchStoreOptions? LiveOptions(string prefix)
    {
        var url = Environment.GetEnvironmentVariable("FINKTOM_ES_URL");
        if (string.IsNullOrWhiteSpace(url))
            return null;
        return new ElasticsearchStoreOptions
        {
            Url = url,
            ApiKey = Environment.GetEnvironmentVariable("FINKTOM_ES_API_KEY"),
            Username = Environment.GetEnvironmentVariable("FINKTOM_ES_USERNAME"),
            Password = Environment.GetEnvironmentVariable("FINKTOM_ES_PASSWORD"),
            IndexPrefix = prefix,
            Replicas = 0,
            ReadYourWrites = false, // the suite refreshes explicitly through MakeVisibleAsync
        };
    }

    protected override Task<IAlertStore> CreateEmptyStoreAsync()
    {
        var options = LiveOptions("finktom-test-" + Guid.NewGuid().ToString("N")[..12]);
        if (options is null)
            Assert.Skip(SkipReason);
        _client = ElasticsearchConnection.CreateClient(options);
        _store = new ElasticsearchAlertStore(_client, options);
        return Task.FromResult<IAlertStore>(_store);
    }

    protected override Task MakeVisibleAsync() => _store!.RefreshAsync();

    public override async ValueTask DisposeAsync()
    {
        if (_store is null || _client is null)
            return;
        // Concrete names only: Elasticsearch refuses wildcard deletes by default (action.destructive_requires_name).
        var indices = await _client.Indices.GetAsync(Elastic.Clients.Elasticsearch.Indices.Parse(_store.Layout.Prefix + "-*"), CancellationToken.None);
        if (indices.IsValidResponse && indices.Indices.Count > 0)
            await _client.Indices.DeleteAsync(Elastic.Clients.Elasticsearch.Indices.Parse(string.Join(",", indices.Indices.Keys.Select(i => i.ToString()))), CancellationToken.None);
        foreach (var template in new[] { _store.Layout.AlertsAlias, _store.Layout.HistoryAlias, _store.Layout.CutoutsAlias, _store.Layout.ObjectsAlias })
            await _client.Indices.DeleteIndexTemplateAsync(template, CancellationToken.None);
    }
}
