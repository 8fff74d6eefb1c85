using System.Net;
using FinkTom.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace FinkTom.Tests.Portal;

/// <summary>How the server serves the portal (no browser needed): pages, assets, caching, and the API left alone.</summary>
[Collection(ApiCollection.Name)]
public sealed class PortalHostingTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/")]
    [InlineData("/?q=class%3D%22SN%20candidate%22&view=map")]
    [InlineData("/gw")]
    [InlineData("/ZTF18aaadweo")]
    [InlineData("/ztf18AAADWEO")]
    public async Task Pages_answer_the_portal_html_with_a_strict_policy(string path)
    {
        PortalBuild.RequireEmbedded();
        var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>FinkTom Science Portal</title>", html);
        Assert.Contains("no-cache", response.Headers.CacheControl?.ToString());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("connect-src 'self'", csp); // no call leaves this server
    }

    [Fact]
    public async Task Assets_named_by_the_page_are_served_with_their_type_and_cached_for_good()
    {
        PortalBuild.RequireEmbedded();
        var html = await _client.GetStringAsync("/");
        var assets = System.Text.RegularExpressions.Regex.Matches(html, "(?:src|href)=\"(/assets/[^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.EndsWith(".css", StringComparison.Ordinal));
        foreach (var asset in assets)
        {
            var response = await _client.GetAsync(asset);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(asset.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript" : "text/css", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("immutable", response.Headers.CacheControl?.ToString());
            Assert.True(response.Content.Headers.ContentLength > 1000);
        }
    }

    [Theory]
    [InlineData("/ZTF18aaadwe")]        // one letter short: not an object page
    [InlineData("/assets/missing.js")]
    [InlineData("/anything")]
    public async Task Other_paths_are_not_found(string path) =>
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync(path)).StatusCode);

    [Fact]
    public async Task The_api_keeps_its_json_answers_and_errors()
    {
        var response = await _client.GetAsync("/api/v1/conesearch?ra=400&dec=0&radius=5");
        await ApiJson.AssertError(response, "ra");
        Assert.Equal("application/json", (await _client.GetAsync("/api/v1/classes")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Portal_can_be_switched_off_for_an_api_only_service()
    {
        using var apiOnly = factory.WithWebHostBuilder(b => b.UseSetting("Portal:Enabled", "false"));
        using var client = apiOnly.CreateClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/classes")).StatusCode);
    }
}
