using FinkTom.Store.Elasticsearch;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>Store:Elasticsearch options: checked at start, each problem named with the key to fix.</summary>
public sealed class ElasticsearchOptionsTests
{
    [Fact]
    public void The_defaults_are_usable()
    {
        Assert.Empty(new ElasticsearchStoreOptions().Problems());
    }

    public static TheoryData<string, Action<ElasticsearchStoreOptions>> Invalid => new()
    {
        { "Store:Elasticsearch:Url", o => o.Url = "localhost:9200" },
        { "Store:Elasticsearch:Url", o => o.Url = "ftp://es:21" },
        { "query string", o => o.Url = "http://es:9200/?pretty" },
        { "must not hold credentials", o => o.Url = "http://elastic:secret@es:9200" },
        { "either ApiKey or Username/Password", o => { o.ApiKey = "k"; o.Username = "u"; o.Password = "p"; } },
        { "Username and Password go together", o => o.Username = "elastic" },
        { "CaCertificatePath", o => o.CaCertificatePath = "/no/such/ca.crt" },
        { "IndexPrefix", o => o.IndexPrefix = "FinkTom" },
        { "IndexPrefix", o => o.IndexPrefix = "_hidden" },
        { "IndexPrefix", o => o.IndexPrefix = "a,b" },
        { "Shards", o => o.Shards = 0 },
        { "CutoutShards", o => o.CutoutShards = 2000 },
        { "Replicas", o => o.Replicas = -1 },
        { "BulkMaxBytes", o => o.BulkMaxBytes = 1000 },
        { "MaxRetries", o => o.MaxRetries = -1 },
        { "RequestTimeout", o => o.RequestTimeout = TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Each_problem_names_what_to_fix(string mention, Action<ElasticsearchStoreOptions> spoil)
    {
        var options = new ElasticsearchStoreOptions();
        spoil(options);

        var problem = Assert.Single(options.Problems());
        Assert.Contains(mention, problem);
    }

    [Fact]
    public async Task The_server_refuses_to_start_on_invalid_elasticsearch_settings_and_says_why()
    {
        var problems = await ServerStart.RefusalAsync(("Store:Backend", "elasticsearch"), ("Store:Elasticsearch:Url", "not a url"), ("Store:Elasticsearch:Shards", "0"));

        Assert.Contains("Store:Elasticsearch:Url", problems);
        Assert.Contains("Store:Elasticsearch:Shards", problems);
    }

    [Fact]
    public async Task An_unknown_backend_is_refused_at_start()
    {
        var problems = await ServerStart.RefusalAsync(("Store:Backend", "mongodb"));

        Assert.Contains("Store:Backend must be 'sqlite' or 'elasticsearch'", problems);
    }
}
