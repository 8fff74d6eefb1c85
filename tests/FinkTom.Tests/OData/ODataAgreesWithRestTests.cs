using FinkTom.Core.Model;
using FinkTom.Core.Sky;
using FinkTom.Core.Time;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.OData;

/// <summary>
/// The feed read by the OData reader stack answers as the REST API does: the same alerts for an object, a class
/// and a cone, and filters that select what a brute-force pass over the stored alerts selects.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ODataAgreesWithRestTests(FinkTomFactory factory)
{
    private readonly ODataReaderClient _client = new(factory.CreateClient());
    private readonly HttpClient _rest = factory.CreateClient();

    private async Task<List<long>> RestCandids(string url) =>
        (await ApiJson.Records(await _rest.GetAsync(url))).Select(r => r["i:candid"].GetInt64()).ToList();

    [Fact]
    public async Task An_objects_alerts_are_those_of_rest_objects()
    {
        var objects = (await factory.AllAlertsAsync()).GroupBy(a => a.ObjectId).Where(g => g.Count() > 1).Select(g => g.Key).Take(4).ToList();
        Assert.NotEmpty(objects);
        foreach (var objectId in objects)
        {
            var rest = await ApiJson.Records(await _rest.GetAsync($"/api/v1/objects?objectId={objectId}&columns=i:candid,i:magpsf"));

            var (alerts, _, _) = await _client.ReadAllAsync($"Objects('{objectId}')/Alerts?$select=candid,magpsf&$orderby=jd desc", "Alerts");

            Assert.Equal(rest.Select(r => r["i:candid"].GetInt64().ToString()), alerts.Select(a => (string)a["candid"]!));
            Assert.Equal(rest.Select(r => (float)r["i:magpsf"].GetDouble()), alerts.Select(a => (float)(double)a["magpsf"]!));
        }
    }

    [Theory]
    [InlineData("SN candidate")]
    [InlineData("Unknown")]
    [InlineData("RRLyr")]
    public async Task A_class_filter_selects_what_rest_latests_returns(string className)
    {
        var rest = await RestCandids($"/api/v1/latests?class={Uri.EscapeDataString(className)}&n=10000&columns=i:candid");
        Assert.NotEmpty(rest);

        var (alerts, _, _) = await _client.ReadAllAsync($"Alerts?$filter=classification eq '{className}'&$orderby=lastdate desc&$select=candid", "Alerts");

        Assert.Equal(rest.Select(c => c.ToString()), alerts.Select(a => (string)a["candid"]!));
    }

    [Fact]
    public async Task Cone_holds_the_objects_of_rest_conesearch_nearest_first_and_composes_with_query_options()
    {
        var stored = await factory.AllAlertsAsync();
        const double radius = 18000;
        // The densest spot of the samples: the alert with the most neighbours within the radius.
        var centre = stored.MaxBy(c => stored.Count(a => SkyMath.SeparationDeg(c.Ra, c.Dec, a.Ra, a.Dec) <= radius / 3600))!;
        var rest = await ApiJson.Records(await _rest.GetAsync($"/api/v1/conesearch?ra={centre.Ra}&dec={centre.Dec}&radius={radius}&columns=i:objectId"));
        var cone = FormattableString.Invariant($"Alerts/Default.Cone(ra={centre.Ra},dec={centre.Dec},radius={radius})");
        _client.Headers["Prefer"] = "odata.maxpagesize=3";

        var (alerts, _, count) = await _client.ReadAllAsync(cone + "?$select=candid,objectId,separation,fid&$count=true", "Alerts");

        var expected = stored.Where(a => SkyMath.SeparationDeg(centre.Ra, centre.Dec, a.Ra, a.Dec) <= radius / 3600).ToList();
        Assert.True(expected.Count > 3, "the cone should span several pages");
        Assert.Equal(expected.Count, count);
        Assert.Equal(expected.Select(a => a.Candid.ToString()).Order(), alerts.Select(a => (string)a["candid"]!).Order());
        Assert.Equal(rest.Select(r => r["i:objectId"].GetString()).Order(), alerts.Select(a => (string?)a["objectId"]).Distinct().Order());
        var separations = alerts.Select(a => (double)a["separation"]!).ToList();
        Assert.Equal(separations.Order(), separations);
        Assert.True(separations[^1] <= radius / 3600);

        // Composes: $filter, $orderby and $top apply inside the cone; the unqualified name works too.
        var composed = await _client.ReadPageAsync(new Uri(_client.ServiceRoot,
            cone.Replace("Default.", "") + "?$filter=fid eq 1&$orderby=jd desc&$top=3&$select=candid,jd,fid"), "Alerts");
        var reference = expected.Where(a => (int?)a["i:fid"] == 1).OrderByDescending(a => a.Jd).ThenBy(a => a.Candid).Take(3);
        Assert.Equal(reference.Select(a => a.Candid.ToString()), composed.Entities.Select(a => (string)a["candid"]!));
    }

    public static TheoryData<string> Filters => new()
    {
        "magpsf lt 18 and fid eq 2",
        "contains(objectId,'ZTF19')",
        "startswith(objectId,'ZTF2') or endswith(objectId,'a')",
        "classification in ('EB*','QSO','RRLyr')",
        "lastdate ge 2023-01-01T00:00:00Z and lastdate lt 2024-01-01T00:00:00Z",
        "year(lastdate) eq 2021",
        "date(lastdate) le 2020-06-30",
        "month(lastdate) ge 11 or month(lastdate) eq 3",
        "hour(lastdate) lt 6 or day(lastdate) eq 1",
        "minute(firstdate) ne 0 and second(lastdate) ge 30",
        "not (fid eq 1)",
        "rf_snia_vs_nonia gt 0.5",
        "rf_snia_vs_nonia eq null",
        "ndethist le 20 and drb ge 0.9",
        "candid gt '2000000000000000000'",
        "lastdate ge now() sub duration'P2000D'",
        "firstdate lt 2019-01-01T00:00:00Z",
        "magpsf ge 16 and magpsf le 17 and isdiffpos eq 't'",
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Filters_select_what_brute_force_over_the_stored_alerts_selects(string filter)
    {
        var stored = await factory.AllAlertsAsync();
        var expected = stored.Where(Reference(filter)).Select(a => a.Candid.ToString()).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.NotEqual(stored.Count, expected.Count);

        var (alerts, _, _) = await _client.ReadAllAsync($"Alerts?$filter={Uri.EscapeDataString(filter)}&$select=candid", "Alerts");

        Assert.Equal(expected, alerts.Select(a => (string)a["candid"]!).Order());
    }

    private static Func<Alert, bool> Reference(string filter)
    {
        static double? D(Alert a, string c) => a.GetDouble(ColumnCatalog.Get(c));
        static string? S(Alert a, string c) => a[c] as string;
        // Rounded to the millisecond, as the feed's date parts are (DateParts); the feed shows milliseconds too.
        static DateTime Date(Alert a) => Ms(JulianDate.ToDateTime(a.Jd));
        static DateTime FirstDate(Alert a) => Ms(JulianDate.ToDateTime(D(a, "i:jdstarthist")!.Value));
        static DateTime Ms(DateTime t) => new(t.Ticks / TimeSpan.TicksPerMillisecond * TimeSpan.TicksPerMillisecond + (t.Ticks % TimeSpan.TicksPerMillisecond >= TimeSpan.TicksPerMillisecond / 2 ? TimeSpan.TicksPerMillisecond : 0), DateTimeKind.Utc);
        return filter switch
        {
            "magpsf lt 18 and fid eq 2" => a => D(a, "i:magpsf") < 18 && D(a, "i:fid") == 2,
            "contains(objectId,'ZTF19')" => a => a.ObjectId.Contains("ZTF19"),
            "startswith(objectId,'ZTF2') or endswith(objectId,'a')" => a => a.ObjectId.StartsWith("ZTF2") || a.ObjectId.EndsWith('a'),
            "classification in ('EB*','QSO','RRLyr')" => a => S(a, "d:classification") is "EB*" or "QSO" or "RRLyr",
            "lastdate ge 2023-01-01T00:00:00Z and lastdate lt 2024-01-01T00:00:00Z" => a => Date(a).Year == 2023,
            "year(lastdate) eq 2021" => a => Date(a).Year == 2021,
            "date(lastdate) le 2020-06-30" => a => Date(a) < new DateTime(2020, 7, 1),
            "month(lastdate) ge 11 or month(lastdate) eq 3" => a => Date(a).Month is >= 11 or 3,
            "hour(lastdate) lt 6 or day(lastdate) eq 1" => a => Date(a).Hour < 6 || Date(a).Day == 1,
            "minute(firstdate) ne 0 and second(lastdate) ge 30" => a => FirstDate(a).Minute != 0 && Date(a).Second >= 30,
            "not (fid eq 1)" => a => D(a, "i:fid") != 1,
            "rf_snia_vs_nonia gt 0.5" => a => D(a, "d:rf_snia_vs_nonia") > 0.5,
            "rf_snia_vs_nonia eq null" => a => D(a, "d:rf_snia_vs_nonia") is null,
            "ndethist le 20 and drb ge 0.9" => a => D(a, "i:ndethist") <= 20 && D(a, "i:drb") >= 0.9,
            "candid gt '2000000000000000000'" => a => a.Candid > 2_000_000_000_000_000_000,
            "lastdate ge now() sub duration'P2000D'" => a => Date(a) >= DateTime.UtcNow.AddDays(-2000),
            "firstdate lt 2019-01-01T00:00:00Z" => a => D(a, "i:jdstarthist") < JulianDate.FromDateTime(new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc)),
            "magpsf ge 16 and magpsf le 17 and isdiffpos eq 't'" => a => D(a, "i:magpsf") is >= 16 and <= 17 && S(a, "i:isdiffpos") == "t",
            _ => throw new ArgumentOutOfRangeException(nameof(filter)),
        };
    }

    [Fact]
    public async Task Expanding_objects_alerts_nests_each_objects_alerts_with_nested_options()
    {
        var stored = await factory.AllAlertsAsync();
        var (objects, _, _) = await _client.ReadAllAsync(
            "Objects?$filter=nalerts ge 2&$select=objectId,nalerts&$expand=Alerts($select=candid,jd;$orderby=jd desc;$count=true)", "Objects");

        Assert.NotEmpty(objects);
        foreach (var o in objects)
        {
            var expected = stored.Where(a => a.ObjectId == (string)o["objectId"]!).OrderByDescending(a => a.Jd).Select(a => a.Candid.ToString());
            Assert.All(o.Expanded, e => Assert.Equal("Alerts", e.Navigation));
            Assert.Equal(expected, o.Expanded.Select(e => (string)e["candid"]!));
            Assert.Equal((int)o["nalerts"]!, o.NestedCount);
        }
    }

    [Fact]
    public async Task Single_alert_and_object_by_key()
    {
        var alert = (await factory.AllAlertsAsync()).First(a => a["d:rf_snia_vs_nonia"] is not null);

        var entity = await _client.ReadEntityAsync($"Alerts('{alert.Candid}')", "Alerts");
        var summary = await _client.ReadEntityAsync($"Objects('{alert.ObjectId}')?$expand=Alerts($select=candid)", "Objects");

        Assert.Equal(alert.ObjectId, entity["objectId"]);
        Assert.Equal(alert.Jd, entity["jd"]);
        Assert.Equal((double?)alert["d:rf_snia_vs_nonia"], entity["rf_snia_vs_nonia"]);
        Assert.Equal((float)alert["i:magpsf"]!, (float)(double)entity["magpsf"]!);
        Assert.Equal(alert["d:classification"], entity["classification"]);
        Assert.Equal(alert.ObjectId, summary["objectId"]);
        Assert.Contains(alert.Candid.ToString(), summary.Expanded.Select(e => (string)e["candid"]!));
    }

    [Fact]
    public async Task Classes_list_what_rest_classes_lists()
    {
        var rest = System.Text.Json.JsonDocument.Parse(await _rest.GetStringAsync("/api/v1/classes")).RootElement
            .EnumerateObject().SelectMany(p => p.Value.EnumerateArray().Select(v => v.GetString())).Order().ToList();

        var (classes, _, _) = await _client.ReadAllAsync("Classes", "Classes");

        Assert.Equal(rest, classes.Select(c => (string?)c["name"]).Order());
        var tns = classes.First(c => ((string)c["name"]!).StartsWith("(TNS) "));
        Assert.Equal(("TNS", "tns"), ((string)tns["kind"]!, (string)tns["property"]!));
    }
}
