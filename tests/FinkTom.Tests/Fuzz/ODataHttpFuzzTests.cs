using System.Globalization;
using System.Text.Json;
using CsCheck;
using FinkTom.Query.OData;
using FinkTom.Server.OData;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// The OData feed and the livestream filter test over HTTP on the sample store: <c>$filter</c> (grammar-built, mutated,
/// random), <c>$select</c>, <c>$orderby</c>, <c>$top</c>, <c>$skip</c>, <c>$count</c>, <c>$skiptoken</c> (forged page
/// tokens), <c>$expand</c> and <c>Default.Cone(...)</c> arguments. Answers are 200, 400, 501 (or 404 for an object that is
/// not there), never 500: a 200 is read whole and parses, an error is OData's error JSON.
/// </summary>
[Collection(FuzzServer.Name)]
public sealed class ODataHttpFuzzTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static readonly string[] AlertNames = AlertFeed.Set.Properties.Select(p => p.Name).ToArray();
    private static readonly string[] ObjectNames = ObjectFeed.Set.Properties.Select(p => p.Name).ToArray();

    private static readonly Gen<string> Number = Gen.Frequency<string>(
        (3, Gen.OneOf("0", "1", "10", "-1", "0.5", "1.5", "18000", "18001", "360", "-90", "90", "1000000", "1000001", "2147483648",
            "9223372036854775807", "9223372036854775808", "1e308", "1e309", "NaN", "INF", "-INF", "'5'", "null", "true", "", "five")),
        (1, Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture))));

    private static Gen<string> NameList(string[] names) => Gen.Frequency<string>(
        (4, Gen.OneOf(names).Array[1, 5].Select(n => string.Join(",", n))),
        (1, Gen.OneOf("*", "", ",", "nosuch", "Alerts", "separation", "candid,candid", "FinkTom.Alert/magpsf", "magpsf/x", "Default.*")),
        (1, Mutations.AwkwardText));

    // One key on a column every row has pages by keyset, and reads the sort value back from the page token.
    private static readonly string[] KeysetSorts = ["jd", "ra", "dec", "candid", "lastdate", "nalerts", "firstjd", "lastjd", "objectId"];

    private static Gen<string> OrderBy(string[] names) => Gen.Frequency<string>(
        (4, Gen.Select(Gen.OneOf(names), Gen.OneOf("", " asc", " desc", " DESC", " sideways"), (n, d) => n + d).Array[1, 3].Select(k => string.Join(",", k))),
        (2, Gen.Select(Gen.OneOf(KeysetSorts.Where(names.Contains).ToArray()), Gen.OneOf("", " desc"), (n, d) => n + d)),
        (1, Gen.OneOf("separation", "length(objectId)", "magpsf add 1", "", ",", "Alerts/$count")),
        (1, Mutations.AwkwardText));

    // Page tokens as the server writes them, with any values, and text that is not one.
    private static readonly Gen<string> SkipToken = Gen.Frequency<string>(
        (3, Gen.Select(Gen.Long[-5, 1_000_000_000], Gen.OneOf<string?>(null, "1060135832015015002", "ZTF19acihgng", "ZTF19acihgng", "-1", "x", "99999999999999999999", ""),
            Gen.OneOf<long?>(null, 0, 5, -1, long.MaxValue), Gen.OneOf(-1, 0, 1, 2, 1000, int.MaxValue),
            Gen.Frequency<string?>((2, Gen.OneOf<string?>(null, "2458850.5", "5", "ZTF19acihgng", "abc", "", "99999999999999999999", "-9223372036854775809",
                "1e400", "NaN", "-0", " 5", "5.0")), (1, Number)),
            (d, k, n, p, s) => new PageToken(d, k, n, p) { SortValue = s }.Encode())),
        (1, Gen.OneOf("", "not-a-token", "e30", "W10", "bnVsbA", "eyJkIjoiMSJ9", "%%", "eyJkIjowLCJwIjoxfQ")),
        (1, Mutations.AwkwardText));

    private static readonly Gen<string> Cone = Gen.Frequency<string>(
        (3, Gen.Select(Number, Number, Number, (ra, dec, r) => $"Default.Cone(ra={ra},dec={dec},radius={r})")),
        (1, Gen.OneOf("Default.Cone(ra=10,dec=10)", "Cone(ra=10,dec=10,radius=60)", "Default.Cone(ra=10,dec=10,radius=60,x=1)", "Default.Cone()",
            "Default.Cone(ra=@r,dec=1,radius=1)", "Default.Cone(ra=10,ra=11,dec=1,radius=1)", "Default.Cone(ra=1e400,dec=1,radius=1)")));

    private static readonly Gen<string> Path = Gen.Frequency<string>(
        (4, Gen.Const("Alerts")),
        (2, Gen.Const("Objects")),
        (2, Cone.Select(c => "Alerts/" + c)),
        (1, Gen.OneOf("Classes", "Columns", "Alerts/$count", "Objects/$count", "Objects('ZTF19acihgng')/Alerts", "Objects('nosuch')/Alerts",
            "Alerts('1060135832015015002')", "Objects('ZTF19acihgng')", "Alerts/Default.Cone(ra=193.8,dec=2.9,radius=18000)/$count")));

    private static Gen<(string Name, string Value)[]> Options(bool objects) => Gen.Frequency<(string Name, string Value)[]>(
        (4, Option(objects).Array[0, 4]),
        (1, Gen.Select(OrderBy(objects ? ObjectNames : AlertNames), SkipToken, (o, t) => new[] { ("$orderby", o), ("$skiptoken", t) })));

    private static Gen<(string Name, string Value)> Option(bool objects) => Gen.Frequency<(string, string)>(
        (5, FilterGrammar.Any.Select(f => ("$filter", f))),
        (2, NameList(objects ? ObjectNames : AlertNames).Select(s => ("$select", s))),
        (2, OrderBy(objects ? ObjectNames : AlertNames).Select(o => ("$orderby", o))),
        (2, Number.Select(n => ("$top", n))),
        (1, Number.Select(n => ("$skip", n))),
        (1, Gen.OneOf("true", "false", "True", "maybe", "").Select(c => ("$count", c))),
        (2, SkipToken.Select(t => ("$skiptoken", t))),
        (1, Gen.Frequency<string>(
            (3, Gen.Select(FilterGrammar.Filter(2), Number, NameList(AlertNames), (f, t, s) => $"Alerts($filter={f};$top={t};$select={s})")),
            (1, Gen.OneOf("Alerts", "Alerts($orderby=magpsf desc;$skip=1;$count=true)", "Nothing", "*", "Alerts($expand=Alerts)", "Alerts($levels=2)")))
            .Select(e => ("$expand", e))),
        (1, Gen.OneOf("$search", "$apply", "$compute", "$format", "$levels", "filter", "top", "$Filter", "$id").Select(o => (o, "x"))));

    private static readonly Gen<(string Path, (string Name, string Value)[] Options)> Requests =
        Path.SelectMany(path => Options(path.StartsWith("Objects", StringComparison.Ordinal) && !path.Contains("/Alerts")).Select(o => (path, o)));

    [Fact]
    public async Task Random_feed_queries_are_answered_200_400_404_or_501_never_500()
    {
        var tally = new FuzzTally();
        await FuzzRun.CheckAsync(Requests, async request =>
        {
            var url = Url(request.Path, request.Options);
            var (status, mediaType, answer) = await FuzzServer.SendAsync(_client, FuzzServer.Get(url));
            tally.Add($"{request.Path.Split('(', '/')[0]} {status}");
            Assert.True(status is 200 or 400 or 501 || (status == 404 && request.Path.Contains('\''))
                || (status == 406 && request.Options.Any(o => o.Name == "$format")), $"GET {url}: HTTP {status}: {FuzzServer.Text(answer)}");
            if (status == 200 && mediaType != "text/plain")
                FuzzServer.Json(answer, url);
            else if (status != 200)
                AssertODataError(answer, url);
        }, ci: 800, print: r => Url(r.Path, r.Options));
        tally.Log();
    }

    [Fact]
    public async Task Forged_page_tokens_under_every_keyset_order_are_200_or_400()
    {
        var requests = Gen.Select(Gen.OneOf("Alerts", "Objects"), Gen.OneOf("", " desc"), SkipToken, (set, direction, token) => (set, direction, token))
            .SelectMany(r => Gen.OneOf(KeysetSorts.Where((r.set == "Alerts" ? AlertNames : ObjectNames).Contains).ToArray())
                .Select(order => Url(r.set, [("$orderby", order + r.direction), ("$skiptoken", r.token)])));
        await FuzzRun.CheckAsync(requests, async url =>
        {
            var (status, _, answer) = await FuzzServer.SendAsync(_client, FuzzServer.Get(url));
            Assert.True(status is 200 or 400, $"GET {url}: HTTP {status}: {FuzzServer.Text(answer)}");
            if (status == 200)
                FuzzServer.Json(answer, url);
            else
                AssertODataError(answer, url);
        }, ci: 600, print: url => url);
    }

    [Fact]
    public async Task Livestream_filter_tests_are_answered_200_or_400_naming_the_parameter()
    {
        var tally = new FuzzTally();
        var days = Gen.Frequency<string?>((3, Gen.OneOf<string?>(null, "1", "30", "0.5")), (1, Number));
        await FuzzRun.CheckAsync(Gen.Select(Gen.Frequency<string>((3, FilterGrammar.Typed()), (2, FilterGrammar.Any)), days), async request =>
        {
            var (filter, days) = request;
            var url = "/livestream/count?filter=" + Uri.EscapeDataString(Sanitized(filter)) + (days is null ? "" : "&days=" + Uri.EscapeDataString(days));
            var (status, _, answer) = await FuzzServer.SendAsync(_client, FuzzServer.Get(url));
            tally.Add($"/livestream/count {status}");
            Assert.True(status is 200 or 400, $"GET {url}: HTTP {status}: {FuzzServer.Text(answer)}");
            var json = FuzzServer.Json(answer, url);
            if (status == 400)
                Assert.Contains(json.GetProperty("parameter").GetString(), new[] { "filter", "days" });
        }, ci: 300, print: r => $"filter={r.Item1} days={r.Item2}");
        tally.Log();
    }

    private static string Url(string path, (string Name, string Value)[] options) =>
        "/odata/" + path + (options.Length == 0 ? "" : "?" + string.Join("&", options.Select(o => $"{o.Name}={Uri.EscapeDataString(Sanitized(o.Value))}")));

    // A URL carries UTF-8: a lone surrogate (which has none) is sent as U+FFFD.
    private static string Sanitized(string text) => new(text.Select((c, i) =>
        char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
        || char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])) ? '\uFFFD' : c).ToArray());

    private static void AssertODataError(byte[] answer, string url)
    {
        var error = FuzzServer.Json(answer, url);
        Assert.True(error.TryGetProperty("error", out var body) && body.ValueKind == JsonValueKind.Object, $"{url}: {FuzzServer.Text(answer)}");
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("message").GetString()), $"{url}: {FuzzServer.Text(answer)}");
    }
}
