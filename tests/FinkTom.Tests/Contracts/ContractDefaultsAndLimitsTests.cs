using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Contracts;

/// <summary>The defaults, limits and conventions the contract states in prose or extensions, read from the document.</summary>
[Collection(ApiCollection.Name)]
public sealed class ContractDefaultsAndLimitsTests(FinkTomFactory factory)
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private readonly HttpClient _client = factory.CreateClient();

    private static ContractParameter Parameter(string path, string name) =>
        Contract.Operation(path, "GET").Parameters.Single(p => p.Name == name);

    private static async Task<JsonArray> Rows(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!.AsArray();
    }

    [Fact]
    public async Task Latests_returns_the_documented_default_number_of_alerts()
    {
        var n = Parameter("/api/v1/latests", "n").Schema["default"]!.GetValue<long>();
        var available = (await factory.AllAlertsAsync()).Count(a => a.GetString(FinkTom.Core.Model.ColumnCatalog.Classification) == "SN candidate");
        Assert.True(available > n);
        Assert.Equal(n, (await Rows(await _client.GetAsync("/api/v1/latests?class=SN%20candidate"))).Count);
    }

    [Theory]
    [InlineData("/api/v1/objects", "objectId", "ZTF18aaadweo")]
    [InlineData("/api/v1/sso", "n_or_d", "1644")]
    public async Task Lists_are_accepted_up_to_their_documented_length_and_refused_beyond(string path, string name, string real)
    {
        var max = (int)Parameter(path, name).Extension<long>("x-max-items");
        var atLimit = string.Join(",", Enumerable.Range(0, max - 1).Select(i => $"ZTF00a{i:D6}").Prepend(real));
        Assert.NotEmpty(await Rows(await _client.PostAsJsonAsync(path, new Dictionary<string, string> { [name] = atLimit })));

        var response = await _client.PostAsJsonAsync(path, new Dictionary<string, string> { [name] = atLimit + ",ZTF00zzzzzzz" });
        await ContractCalls.AssertError(Contract.Operation(path, "POST"), response, 400, name);
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_refused()
    {
        var body = new StringContent("{\"objectId\": \"" + new string('Z', 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");
        await ContractCalls.AssertError(Contract.Operation("/api/v1/objects", "POST"), await _client.PostAsync("/api/v1/objects", body), 400, null);
    }

    [Theory]
    [InlineData("True")]
    [InlineData("true")]
    [InlineData("1")]
    public async Task Booleans_are_read_as_the_contract_says(string value)
    {
        var rows = await Rows(await _client.GetAsync($"/api/v1/objects?objectId=ZTF18aaadweo&columns=i:jd&withupperlim={value}"));
        Assert.Contains(rows, r => r!["d:tag"]!.GetValue<string>() == "upperlim");
        var without = await Rows(await _client.GetAsync("/api/v1/objects?objectId=ZTF18aaadweo&columns=i:jd&withupperlim=False"));
        Assert.DoesNotContain("d:tag", without[0]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Color_is_a_presence_flag_as_documented()
    {
        Assert.NotNull(Parameter("/api/v1/latests", "color").Schema["x-presence-flag"]);
        var rows = await Rows(await _client.GetAsync("/api/v1/latests?class=SN%20candidate&n=1&color=false"));
        Assert.True(rows[0]!.AsObject().ContainsKey("v:g-r"));
        var plain = await Rows(await _client.GetAsync("/api/v1/latests?class=SN%20candidate&n=1"));
        Assert.False(plain[0]!.AsObject().ContainsKey("v:g-r"));
    }

    [Fact]
    public async Task A_post_with_a_query_string_is_read_from_the_query_string()
    {
        var response = await _client.PostAsJsonAsync("/api/v1/objects?objectId=ZTF19acihgng&columns=i:objectId", new { objectId = "ZTF18aaadweo" });
        Assert.Equal("ZTF19acihgng", (await Rows(response)).Single()!["i:objectId"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_explorer_date_window_defaults_to_its_documented_maximum()
    {
        var max = Parameter("/api/v1/explorer", "window").Schema["maximum"]!.GetValue<long>();
        var alert = (await factory.AllAlertsAsync()).OrderBy(a => a.Jd).First();
        var start = alert.Jd - (max - 1) / 1440.0; // the first alert falls one minute before the end of a default window
        var rows = await Rows(await _client.GetAsync($"/api/v1/explorer?startdate={start.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.Contains(rows, r => r!["i:objectId"]!.GetValue<string>() == alert.ObjectId);
    }
}
