using System.Globalization;
using FinkTom.Core.Model;
using FinkTom.Core.Sky;
using FinkTom.Server.Lsst;
using FinkTom.Tests.Support;
using FinkTom.Tests.Surveys.Lsst;
using Microsoft.OData.Edm;

namespace FinkTom.Tests.OData;

/// <summary>
/// The Rubin sets of the feed (LsstSources, LsstObjects, LsstForcedPhotometry) read by Microsoft's OData reader on the
/// bundled Rubin sample (7 alerts: 5 static objects, 2 asteroids), checked against the decoded file and the LSST REST API.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ODataLsstTests(FinkTomFactory factory)
{
    private const string ObjectId = "170028485706776685"; // 18 digits, odd: no double holds it
    private static readonly List<Alert> Sample = LsstSamples.Read(LsstSamples.DataTransfer);
    private static readonly List<Alert> Static = Sample.Where(a => a["r:diaObjectId"] is long).ToList();
    private static readonly List<long> Forced = Sample.SelectMany(a => a.Measurements).Where(m => m.Kind.Stored).Select(m => m.Id).Distinct().ToList();

    private readonly ODataReaderClient _client = new(factory.CreateClient());
    private readonly HttpClient _http = factory.CreateClient();

    private static string Ids(IEnumerable<FeedEntity> entities, string key) => string.Join(",", entities.Select(e => (string)e[key]!));

    [Fact]
    public async Task Each_set_holds_every_stored_row_once_and_counts_it()
    {
        var (sources, _, sourceCount) = await _client.ReadAllAsync("LsstSources?$count=true", "LsstSources");
        var (objects, _, objectCount) = await _client.ReadAllAsync("LsstObjects?$count=true", "LsstObjects");
        var (points, _, pointCount) = await _client.ReadAllAsync("LsstForcedPhotometry?$count=true&$select=diaForcedSourceId", "LsstForcedPhotometry");

        Assert.Equal(Sample.Count, sourceCount);
        Assert.Equal(Sample.Select(a => a.Id.ToString(CultureInfo.InvariantCulture)).Order(), sources.Select(e => (string)e["diaSourceId"]!).Order());
        var objectIds = Static.Select(a => a.ObjectId).Distinct().ToList();
        Assert.Equal(5, objectCount);
        Assert.Equal(objectIds.Order(), objects.Select(e => (string)e["diaObjectId"]!).Order());
        Assert.Equal(Forced.Count, pointCount);
        Assert.Equal(Forced.Select(id => id.ToString(CultureInfo.InvariantCulture)).Order(), points.Select(e => (string)e["diaForcedSourceId"]!).Order());
        Assert.Equal("7", await _http.GetStringAsync("/odata/LsstSources/$count"));
        Assert.Equal("5", await _http.GetStringAsync("/odata/LsstObjects/$count"));
    }

    [Fact]
    public async Task An_18_digit_diaObjectId_round_trips_exactly_as_text()
    {
        Assert.NotEqual(ObjectId, ((long)(double)long.Parse(ObjectId, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
        var model = await _client.ModelAsync();
        foreach (var (set, property) in new[] { ("LsstObjects", "diaObjectId"), ("LsstSources", "diaObjectId"), ("LsstSources", "diaSourceId"), ("LsstForcedPhotometry", "diaObjectId") })
            Assert.Equal(EdmPrimitiveTypeKind.String, model.EntityContainer.FindEntitySet(set).EntityType.FindProperty(property).Type.PrimitiveKind());

        var entity = await _client.ReadEntityAsync($"LsstObjects('{ObjectId}')", "LsstObjects");
        var (sources, _, _) = await _client.ReadAllAsync($"LsstSources?$filter=diaObjectId eq '{ObjectId}'&$select=diaSourceId,diaObjectId", "LsstSources");
        var raw = await _http.GetStringAsync($"/odata/LsstObjects('{ObjectId}')?$select=diaObjectId&$format=application/json;IEEE754Compatible=true");
        var neighbour = long.Parse(ObjectId, CultureInfo.InvariantCulture) + 1;

        Assert.Equal(ObjectId, entity["diaObjectId"]);
        Assert.Equal(Sample.Where(a => a.ObjectId == ObjectId).Select(a => a.Id.ToString(CultureInfo.InvariantCulture)), sources.Select(e => (string)e["diaSourceId"]!));
        Assert.All(sources, e => Assert.Equal(ObjectId, e["diaObjectId"]));
        Assert.Contains($"\"diaObjectId\":\"{ObjectId}\"", raw);
        Assert.Equal("0", await _http.GetStringAsync($"/odata/LsstSources/$count?$filter=diaObjectId eq '{neighbour}'"));
    }

    [Fact]
    public async Task Filters_on_band_and_flux_select_what_a_pass_over_the_sample_selects()
    {
        var (bright, _, count) = await _client.ReadAllAsync("LsstSources?$filter=band eq 'i' and psfFlux gt 5000&$count=true&$select=diaSourceId,band,psfFlux", "LsstSources");
        var (negative, _, _) = await _client.ReadAllAsync("LsstSources?$filter=psfFlux lt 0&$select=diaSourceId", "LsstSources");
        var (g, _, gCount) = await _client.ReadAllAsync("LsstForcedPhotometry?$filter=band eq 'g' and psfFlux gt 1000&$count=true&$select=diaForcedSourceId,band", "LsstForcedPhotometry");
        var (busy, _, _) = await _client.ReadAllAsync("LsstObjects?$filter=nDiaSources gt 350&$select=diaObjectId,nDiaSources", "LsstObjects");

        var expected = Sample.Where(a => (string?)a["r:band"] == "i" && (float?)a["r:psfFlux"] > 5000).ToList();
        Assert.Equal(expected.Count, count);
        Assert.Equal(expected.Select(a => a.Id.ToString(CultureInfo.InvariantCulture)).Order(), bright.Select(e => (string)e["diaSourceId"]!).Order());
        Assert.Equal(Sample.Where(a => (float?)a["r:psfFlux"] < 0).Select(a => a.Id.ToString(CultureInfo.InvariantCulture)), negative.Select(e => (string)e["diaSourceId"]!));
        var forcedG = Sample.SelectMany(a => a.Measurements).Where(m => m.Kind.Stored && (string?)m["r:band"] == "g" && (float?)m["r:psfFlux"] > 1000)
            .Select(m => m.Id).Distinct().ToList();
        Assert.Equal(forcedG.Count, gCount);
        Assert.Equal(forcedG.Count, g.Count);
        Assert.Equal(Static.Where(a => (int?)a["r:nDiaSources"] > 350).Select(a => a.ObjectId).Order(), busy.Select(e => (string)e["diaObjectId"]!).Order());
    }

    [Fact]
    public async Task Cones_find_the_sources_and_objects_rest_conesearch_finds_nearest_first()
    {
        var centre = Static[0];
        var (ra, dec) = (centre.Ra.ToString("R", CultureInfo.InvariantCulture), centre.Dec.ToString("R", CultureInfo.InvariantCulture));
        const double radius = 3600;
        var rest = await ApiJson.Records(await _http.GetAsync($"/lsst/api/v1/conesearch?ra={ra}&dec={dec}&radius={radius}&columns=r:diaObjectId"));
        _client.Headers["Prefer"] = "odata.maxpagesize=2";

        var (objects, pages, _) = await _client.ReadAllAsync($"LsstObjects/Default.Cone(ra={ra},dec={dec},radius={radius})?$select=diaObjectId,separation", "LsstObjects");
        var (sources, _, _) = await _client.ReadAllAsync($"LsstSources/Cone(ra={ra},dec={dec},radius=5)", "LsstSources");
        var (bright, _, _) = await _client.ReadAllAsync(
            $"LsstSources/Default.Cone(ra={ra},dec={dec},radius={radius})?$filter=psfFlux gt 0&$orderby=separation desc&$select=diaSourceId,psfFlux,separation", "LsstSources");

        Assert.True(rest.Count > 1);
        Assert.True(pages > 1);
        Assert.Equal(string.Join(",", rest.Select(r => r["r:diaObjectId"].GetInt64())), Ids(objects, "diaObjectId"));
        var separations = objects.Select(o => (double)o["separation"]!).ToList();
        Assert.Equal(separations.Order(), separations);
        Assert.Equal(centre.Id.ToString(CultureInfo.InvariantCulture), (string)Assert.Single(sources)["diaSourceId"]!);
        Assert.InRange((double)sources[0]["separation"]!, 0, 5 / 3600.0);
        var expected = Sample.Where(a => (float?)a["r:psfFlux"] > 0 && SkyMath.SeparationDeg(centre.Ra, centre.Dec, a.Ra, a.Dec) <= radius / 3600)
            .OrderByDescending(a => SkyMath.SeparationDeg(centre.Ra, centre.Dec, a.Ra, a.Dec)).Select(a => a.Id);
        Assert.Equal(string.Join(",", expected), Ids(bright, "diaSourceId"));
    }

    [Fact]
    public async Task An_object_leads_to_its_sources_and_forced_photometry_by_path_and_by_expand()
    {
        var rest = await ApiJson.Records(await _http.GetAsync($"/lsst/api/v1/sources?diaObjectId={ObjectId}&columns=r:diaSourceId"));
        var fp = await ApiJson.Records(await _http.GetAsync($"/lsst/api/v1/fp?diaObjectId={ObjectId}&columns=r:diaForcedSourceId,r:band"));

        var (sources, _, _) = await _client.ReadAllAsync($"LsstObjects('{ObjectId}')/Sources?$orderby=date desc", "LsstSources");
        var forcedCount = await _http.GetStringAsync($"/odata/LsstObjects('{ObjectId}')/ForcedPhotometry/$count");
        var (expanded, _, _) = await _client.ReadAllAsync(
            $"LsstObjects?$filter=diaObjectId in ('{ObjectId}','{Static[1].ObjectId}')&$expand=ForcedPhotometry($filter=band eq 'g';$count=true;$top=3;$select=band)", "LsstObjects");
        var withSources = await _client.ReadEntityAsync($"LsstObjects('{ObjectId}')?$select=diaObjectId&$expand=Sources($select=psfFlux)", "LsstObjects");

        Assert.Equal(string.Join(",", rest.Select(r => r["r:diaSourceId"].GetInt64())), Ids(sources, "diaSourceId"));
        Assert.Equal(fp.Count.ToString(CultureInfo.InvariantCulture), forcedCount);
        Assert.Equal(2, expanded.Count);
        var mine = expanded.Single(o => (string?)o["diaObjectId"] == ObjectId);
        Assert.Equal(fp.Count(r => r.Str("r:band") == "g"), mine.NestedCount);
        Assert.Equal(Math.Min(3, (int)mine.NestedCount!), mine.Expanded.Count);
        Assert.All(expanded.SelectMany(o => o.Expanded), e => Assert.Equal("g", e["band"]));
        Assert.Equal(Ids(sources, "diaSourceId"), Ids(withSources.Expanded, "diaSourceId"));
        Assert.All(withSources.Expanded, e => Assert.True(e.Has("psfFlux")));
    }

    [Fact]
    public async Task Sets_carry_fink_s_rest_columns_with_ids_as_text_and_rubin_times_as_utc_dates()
    {
        var model = await _client.ModelAsync();
        var (columns, _, _) = await _client.ReadAllAsync("Columns?$filter=startswith(set,'Lsst')", "Columns");
        var objects = model.EntityContainer.FindEntitySet("LsstObjects");

        string[] Fink(string set, params string[] extra) => columns.Where(c => (string?)c["set"] == set && !extra.Contains((string?)c["name"]))
            .Select(c => (string?)c["fink"]).Where(f => f is not null && !f.StartsWith("t:") && !f.StartsWith("v:")).Select(f => f!).Order().ToArray();
        // /sources' columns, and the object-level values Fink's tags (and livestream filters) select on.
        Assert.Equal(LsstColumns.Sources.Select(c => c.Name).Where(n => n != "r:salt").Order(),
            Fink("LsstSources", "nDiaSources", "is_sso", "is_first", "is_cataloged", "main_label_crossmatch", "main_label_classifier", "firstDiaSourceMjdTaiFink"));
        Assert.Equal(LsstColumns.Objects.Select(c => c.Name).Where(n => n != "r:salt").Order(), Fink("LsstObjects", "lastDiaSourceId", "lastMidpointMjdTai"));
        Assert.Equal(15, columns.Count(c => (string?)c["set"] == "LsstForcedPhotometry")); // Fink's 14 fields and date
        Assert.Equal(["ForcedPhotometry", "Sources"], objects.EntityType.NavigationProperties().Select(n => n.Name).Order());
        Assert.Equal(["LsstForcedPhotometry", "LsstSources"], objects.EntityType.NavigationProperties().Select(n => objects.FindNavigationTarget(n).Name).Order());

        var source = await _client.ReadEntityAsync($"LsstSources('{Static[0].Id}')?$select=date,midpointMjdTai", "LsstSources");
        var date = (DateTimeOffset)source["date"]!;
        // MJD on the TAI scale, 37 s ahead of UTC.
        var utc = Core.Time.JulianDate.ToDateTime((double)source["midpointMjdTai"]! + Core.Time.JulianDate.MjdOffset).AddSeconds(-37);
        Assert.Equal(TimeSpan.Zero, date.Offset);
        Assert.Equal(utc, date.UtcDateTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal("1", await _http.GetStringAsync(
            $"/odata/LsstSources/$count?$filter=diaSourceId eq '{Static[0].Id}' and date ge {date.AddMilliseconds(-1):yyyy-MM-ddTHH:mm:ss.fffZ} and date lt {date.AddMilliseconds(1):yyyy-MM-ddTHH:mm:ss.fffZ}"));
    }
}
