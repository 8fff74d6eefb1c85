using System.Text.Json;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.OData;

/// <summary>Every invalid request gets an OData error JSON with the right status (400, 404, 405, 406, 501), never a 500.</summary>
[Collection(ApiCollection.Name)]
public sealed class ODataErrorTests(FinkTomFactory factory)
{
    private readonly HttpClient _http = factory.CreateClient();

    private async Task<JsonElement> AssertError(string url, int status, string? target, string? messagePart = null, HttpMethod? method = null,
        params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method ?? HttpMethod.Get, "/odata/" + url);
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{url}: expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["4.0"], response.Headers.GetValues("OData-Version"));
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("code").GetString()));
        var message = error.GetProperty("message").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(message));
        if (messagePart is not null)
            Assert.Contains(messagePart, message, StringComparison.OrdinalIgnoreCase);
        if (target is not null)
            Assert.Equal(target, error.GetProperty("target").GetString());
        return error;
    }

    [Theory]
    [InlineData("Alerts?$filter=nosuchfield eq 1", "$filter", "nosuchfield")]
    [InlineData("Alerts?$select=candid,nosuchfield", "$select", "nosuchfield")]
    [InlineData("Alerts?$orderby=nosuchfield", "$orderby", "nosuchfield")]
    [InlineData("Objects?$filter=magpsf gt 1", "$filter", "magpsf")]
    [InlineData("Alerts?$filter=magpsf gt 'bright'", "$filter", null)]
    [InlineData("Alerts?$filter=magpsf gt 1e999", "$filter", null)]
    [InlineData("Alerts?$filter=fractionalseconds(lastdate) le 1e30", "$filter", null)] // found by the fuzz suite (was a 500)
    [InlineData("Alerts?$filter=lastdate gt 2021-13-45T00:00:00Z", "$filter", null)]
    [InlineData("Alerts?$filter=candid eq 'abc'", "$filter", "candid")]
    [InlineData("Alerts?$filter=contains(candid,'12')", "$filter", "candid")]
    [InlineData("Alerts?$filter=year(lastdate) eq 20240", "$filter", "year")]
    [InlineData("Alerts?$filter=month(lastdate) eq 5.5", "$filter", "whole number")]
    [InlineData("Alerts?$filter=hour(ra) eq 5", "$filter", "hour")]
    [InlineData("Alerts?$filter=magpsf", "$filter", null)]
    [InlineData("Alerts?$filter=separation lt 1", "$filter", "separation")]
    [InlineData("Alerts?$filter=magpsf gt", "$filter", null)]
    [InlineData("Alerts?$top=1000001", "$top", "1,000,000")]
    [InlineData("Alerts?$top=-1", "$top", null)]
    [InlineData("Alerts?$skip=-5", "$skip", null)]
    [InlineData("Alerts?$top=ten", "$top", null)]
    [InlineData("Alerts?$count=maybe", "$count", null)]
    [InlineData("Alerts?$skiptoken=not-a-token", "$skiptoken", "nextLink")]
    [InlineData("Alerts?$orderby=separation", "$orderby", "Cone")]
    [InlineData("Alerts?$expand=Nothing", "$expand", null)]
    [InlineData("Alerts/Default.Cone(ra=10,dec=100,radius=5)", "dec", "-90")]
    [InlineData("Alerts/Default.Cone(ra=400,dec=10,radius=5)", "ra", "360")]
    [InlineData("Alerts/Default.Cone(ra=10,dec=10,radius=0)", "radius", "18,000")]
    [InlineData("Alerts/Default.Cone(ra=10,dec=10,radius=18001)", "radius", "18,000")]
    [InlineData("Alerts/Default.Cone(ra=10,dec=10,radius='big')", null, null)]
    [InlineData("Objects?$expand=Alerts($filter=nosuch eq 1)", "$expand", "nosuch")]
    [InlineData("LsstSources?$filter=nosuchfield eq 1", "$filter", "nosuchfield")]
    [InlineData("LsstSources?$filter=psfFlux gt 'bright'", "$filter", null)]
    [InlineData("LsstObjects?$filter=diaObjectId eq 'abc'", "$filter", "diaObjectId")]
    [InlineData("LsstObjects?$filter=psfFlux gt 0", "$filter", "psfFlux")]
    [InlineData("LsstForcedPhotometry?$orderby=separation", "$orderby", "separation")]
    [InlineData("LsstSources?$orderby=separation", "$orderby", "Cone")]
    [InlineData("LsstSources/Default.Cone(ra=10,dec=100,radius=5)", "dec", "-90")]
    [InlineData("LsstObjects/Default.Cone(ra=10,dec=10,radius=18001)", "radius", "18,000")]
    [InlineData("LsstObjects?$expand=Sources($filter=nosuch eq 1)", "$expand", "nosuch")]
    [InlineData("LsstSources('abc')", null, "id")]
    public async Task Invalid_queries_are_400_with_an_OData_error_naming_the_option(string url, string? target, string? messagePart) =>
        await AssertError(url, 400, target, messagePart);

    [Fact]
    public async Task A_page_token_whose_sort_value_overflows_its_column_is_a_400()
    {
        // Found by the fuzz suite: reading this sort value back for nalerts overflowed a long (a 500).
        var token = new FinkTom.Server.OData.PageToken(1, "ZTF19acihgng", null, 10) { SortValue = "99999999999999999999" }.Encode();

        await AssertError($"Objects?$orderby=nalerts&$skiptoken={token}", 400, "$skiptoken");
    }

    [Theory]
    [InlineData("Alerts?$apply=groupby((fid))", "$apply")]
    [InlineData("Alerts?$search=supernova", "$search")]
    [InlineData("Alerts?$compute=magpsf add 1 as m", "$compute")]
    [InlineData("Alerts?$filter=magpsf gt magnr", "$filter")]
    [InlineData("Alerts?$filter=tolower(objectId) eq 'ztf19'", "$filter")]
    [InlineData("Alerts?$filter=month(lastdate) eq hour(lastdate)", "$filter")]
    [InlineData("Objects?$filter=Alerts/any(a: a/fid eq 1)", "$filter")]
    [InlineData("$batch", "$batch")]
    [InlineData("LsstObjects?$filter=month(lastdate) eq 3", "$filter")]
    [InlineData("LsstObjects?$expand=Sources,ForcedPhotometry", "$expand")]
    public async Task Valid_OData_the_feed_does_not_implement_is_501(string url, string target) =>
        await AssertError(url, 501, target);

    [Theory]
    [InlineData("Nothing")]
    [InlineData("Alerts('1')")]
    [InlineData("Objects('ZTF00nothing')")]
    [InlineData("Objects('ZTF00nothing')/Alerts")]
    [InlineData("LsstSources('1')")]
    [InlineData("LsstObjects('1')")]
    [InlineData("LsstObjects('1')/Sources")]
    [InlineData("LsstForcedPhotometry('1')")]
    public async Task Unknown_sets_and_keys_are_404(string url) => await AssertError(url, 404, null);

    [Fact]
    public async Task Writes_are_405_and_old_protocol_versions_or_xml_only_clients_406()
    {
        await AssertError("Alerts", 405, null, "read-only", HttpMethod.Post);
        await AssertError("Alerts", 406, "OData-MaxVersion", "4.0", null, ("OData-MaxVersion", "3.0"));
        await AssertError("Alerts", 406, "Accept", null, null, ("Accept", "application/atom+xml"));
        await AssertError("Alerts?$format=atom", 406, "$format");
    }
}
