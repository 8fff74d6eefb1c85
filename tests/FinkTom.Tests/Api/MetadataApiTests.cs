using System.Net.Http.Json;
using FinkTom.Core.Annotations;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FinkTom.Tests.Api;

/// <summary><c>/api/v1/metadata</c> on a server with an API key: annotations written with the key, read by any key.</summary>
public sealed class MetadataApiTests(MetadataApiTests.Server server) : IClassFixture<MetadataApiTests.Server>
{
    private const string Key = "annotator-key";

    public sealed class Server : WebApplicationFactory<Program>
    {
        private readonly TempDirectory _data = new();

        public string DatabasePath => Path.Combine(_data.Path, "finktom.db");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Store:Sqlite:DatabasePath", DatabasePath);
            builder.UseSetting("Samples:IngestOnEmptyStore", "false");
            builder.UseSetting("Livestream:ApiKeys:0", Key);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
                _data.Dispose();
        }
    }

    private HttpClient Client(string? key = null)
    {
        var client = server.CreateClient();
        if (key is not null)
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private Task<HttpResponseMessage> Add(string objectId, string name, string user, string? comments = null, string? key = Key) =>
        Client(key).PostAsJsonAsync("/api/v1/metadata", new Dictionary<string, string?>
        {
            ["objectId"] = objectId, ["internal_name"] = name, ["username"] = user, ["comments"] = comments,
        }.Where(p => p.Value is not null).ToDictionary());

    [Fact]
    public async Task An_annotation_added_with_a_key_is_found_by_id_name_encoded_name_and_all()
    {
        var added = await Add("ZTF21abfmbix", "my favourite SN", "julien", "Peculiar light curve");
        await Add("ZTF19acihgng", "other one", "anais");

        Assert.Equal(200, (int)added.StatusCode);
        Assert.EndsWith("/myfavouriteSN", await added.Content.ReadAsStringAsync());
        Assert.StartsWith("Thanks julien - You can visit http", await added.Content.ReadAsStringAsync());
        foreach (var query in new[] { "objectId=ZTF21abfmbix", "internal_name=my favourite SN", "internal_name_encoded=myfavouriteSN" })
        {
            var row = Assert.Single(await ApiJson.Records(await Client().GetAsync("/api/v1/metadata?" + query)));
            Assert.Equal(["i:objectId", "d:internal_name", "d:internal_name_encoded", "d:comments", "d:username"], row.Keys);
            Assert.Equal(("ZTF21abfmbix", "myfavouriteSN", "Peculiar light curve", "julien"),
                (row.Str("i:objectId"), row.Str("d:internal_name_encoded"), row.Str("d:comments"), row.Str("d:username")));
        }
        var all = await ApiJson.Records(await Client().GetAsync("/api/v1/metadata?objectId=all"));
        Assert.Contains(all, r => r.Str("i:objectId") == "ZTF19acihgng");
        var csv = await Client().GetStringAsync("/api/v1/metadata?objectId=ZTF19acihgng&output-format=csv");
        Assert.StartsWith("i:objectId,d:internal_name", csv);
    }

    [Fact]
    public async Task A_new_annotation_replaces_the_objects_previous_one_and_is_kept_in_the_database_file()
    {
        await Add("ZTF18abvcdqu", "first", "a");
        await Add("ZTF18abvcdqu", "second", "b", "changed");

        var row = Assert.Single(await ApiJson.Records(await Client().GetAsync("/api/v1/metadata?objectId=ZTF18abvcdqu")));
        Assert.Equal(("second", "b"), (row.Str("d:internal_name"), row.Str("d:username")));
        Assert.Empty(await ApiJson.Records(await Client().GetAsync("/api/v1/metadata?internal_name=first")));
        var stored = await new SqliteAnnotationStore(new SqliteStoreOptions { DatabasePath = server.DatabasePath }).FindAsync(AnnotationKey.ObjectId, "ZTF18abvcdqu");
        Assert.Equal("changed", Assert.Single(stored).Comments);
    }

    [Fact]
    public async Task Writing_without_the_key_is_a_401_and_nothing_is_stored()
    {
        await ApiJson.AssertError(await Add("ZTF20nokey", "x", "mallory", key: null), "X-Api-Key", 401);
        await ApiJson.AssertError(await Add("ZTF20nokey", "x", "mallory", key: "wrong"), "X-Api-Key", 401);

        Assert.Empty(await ApiJson.Records(await Client().GetAsync("/api/v1/metadata?objectId=ZTF20nokey")));
    }

    [Theory]
    [InlineData("", "objectId")]
    [InlineData("objectId=ZTF1&internal_name=x", "internal_name")]
    [InlineData("objectId=ZTF1&username=x", "username")]
    [InlineData("objectId=ZTF1&output-format=xls", "output-format")]
    [InlineData("objectId=ZTF1&sortby=x", "sortby")]
    public async Task A_read_needs_exactly_one_lookup(string query, string parameter) =>
        await ApiJson.AssertError(await Client().GetAsync("/api/v1/metadata?" + query), parameter);

    [Fact]
    public async Task A_write_needs_an_id_a_name_and_a_user()
    {
        var response = await Client(Key).PostAsJsonAsync("/api/v1/metadata", new { objectId = "ZTF1", internal_name = "x" });

        await ApiJson.AssertError(response, "username");
    }
}
