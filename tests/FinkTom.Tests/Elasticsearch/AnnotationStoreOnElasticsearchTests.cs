using FinkTom.Core.Annotations;
using FinkTom.Store.Elasticsearch;
using FinkTom.Store.Elasticsearch.Api;
using FinkTom.Store.Elasticsearch.Annotations;
using FinkTom.Tests.Elasticsearch.StandIn;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>The Elasticsearch annotation store over HTTP, against the in-memory stand-in: one document per object.</summary>
public sealed class AnnotationStoreOnElasticsearchTests : IAsyncLifetime
{
    private ElasticsearchStandIn _standIn = null!;
    private ElasticsearchAnnotationStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        _standIn = await ElasticsearchStandIn.StartAsync();
        var options = new ElasticsearchStoreOptions { Url = _standIn.Url, IndexPrefix = "notes", Replicas = 0 };
        _store = new ElasticsearchAnnotationStore(ElasticsearchConnection.CreateClient(options), options);
    }

    public async ValueTask DisposeAsync() => await _standIn.DisposeAsync();

    [Fact]
    public async Task Annotations_are_saved_replaced_and_found_by_each_key()
    {
        await _store.SaveAsync(new ObjectAnnotation("ZTF21abfmbix", "my SN", "first", "julien"));
        await _store.SaveAsync(new ObjectAnnotation("ZTF21abfmbix", "my SN", "second", "julien"));
        await _store.SaveAsync(new ObjectAnnotation("ZTF19acihgng", "other", "", "anais"));

        Assert.Equal("second", Assert.Single(await _store.FindAsync(AnnotationKey.ObjectId, "ZTF21abfmbix")).Comments);
        Assert.Equal("ZTF21abfmbix", Assert.Single(await _store.FindAsync(AnnotationKey.InternalName, "my SN")).ObjectId);
        Assert.Equal("ZTF21abfmbix", Assert.Single(await _store.FindAsync(AnnotationKey.InternalNameEncoded, "mySN")).ObjectId);
        Assert.Equal(["ZTF19acihgng", "ZTF21abfmbix"], (await _store.FindAsync(AnnotationKey.ObjectId, "all")).Select(a => a.ObjectId));
        Assert.Contains("notes-metadata", _standIn.IndexNames);
    }
}
