using System.Net;
using System.Text.Json;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Reliability;

/// <summary>
/// Filters that compare two literals used to recurse for ever and kill the process (stack overflow) on one anonymous
/// GET. They are constants: true keeps every row, false none, and values that cannot be compared are a 400.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ConstantFilterTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("1 eq 1", true)]
    [InlineData("null eq null", true)]
    [InlineData("'a' eq 'a'", true)]
    [InlineData("1 eq 2", false)]
    [InlineData("2 lt 1.5", false)]
    [InlineData("null ne null", false)]
    [InlineData("null lt 1", false)]
    [InlineData("not (1 eq 1)", false)]
    [InlineData("1 eq 1 and magpsf gt 0", true)]
    [InlineData("(1 eq 2) or magpsf gt 0", true)]
    [InlineData("-9223372036854775808 mod -1 eq 0", true)] // .NET throws on this remainder; it is 0
    public async Task A_comparison_of_two_literals_is_a_constant_in_odata(string filter, bool keepsEverything)
    {
        var all = await Count("/odata/Alerts/$count");

        var response = await _client.GetAsync($"/odata/Alerts/$count?$filter={Uri.EscapeDataString(filter)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(keepsEverything ? all : 0, long.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("1 eq 1")]
    [InlineData("null eq null")]
    [InlineData("'a' eq 'a'")]
    [InlineData("1 eq 2")]
    public async Task A_livestream_count_of_a_constant_filter_answers(string filter)
    {
        var response = await _client.GetAsync($"/livestream/count?filter={Uri.EscapeDataString(filter)}");

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("'a' eq 1")]
    [InlineData("9223372036854775807 add 1 eq 0")]
    [InlineData("now() add duration'P3650000D' gt now()")]
    public async Task Literals_that_cannot_be_combined_are_a_400_naming_the_filter(string filter)
    {
        var response = await _client.GetAsync($"/odata/Alerts?$filter={Uri.EscapeDataString(filter)}");
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("$filter", error.GetProperty("target").GetString());
    }

    private async Task<long> Count(string url) => long.Parse(await _client.GetStringAsync(url));
}
