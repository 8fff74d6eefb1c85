using FinkTom.Core.Store;
using FinkTom.Store.Elasticsearch;
using FinkTom.Store.Elasticsearch.Api;
using FinkTom.Tests.Elasticsearch.StandIn;
using FinkTom.Tests.Store;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>
/// The conformance suite on the Elasticsearch store talking HTTP to the in-memory <see cref="ElasticsearchStandIn"/>
/// (a stand-in, since no cluster can run here): it checks the store's own logic — bulk writes, query plans, paging,
/// collapse, composite aggregation, document mapping — end to end. <see cref="ElasticsearchAlertStoreTests"/> runs the
/// same suite against a real cluster.
/// </summary>
public sealed class StandInConformanceTests : ElasticsearchConformance
{
    private ElasticsearchStandIn? _standIn;
    private ElasticsearchAlertStore? _store;

    protected override async Task<IAlertStore> CreateEmptyStoreAsync()
    {
        _standIn = await ElasticsearchStandIn.StartAsync();
        TestContext.Current.TestOutputHelper?.WriteLine(ElasticsearchStandIn.Notice);
        var options = new ElasticsearchStoreOptions { Url = _standIn.Url, IndexPrefix = "conformance", Replicas = 0, ReadYourWrites = false };
        _store = new ElasticsearchAlertStore(ElasticsearchConnection.CreateClient(options), options);
        return _store;
    }

    protected override Task MakeVisibleAsync() => _store!.RefreshAsync();

    public override async ValueTask DisposeAsync()
    {
        if (_standIn is not null)
            await _standIn.DisposeAsync();
    }
}
