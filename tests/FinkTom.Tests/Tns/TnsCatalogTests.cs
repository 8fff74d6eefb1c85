using FinkTom.Core.Model;
using FinkTom.Core.Store;
using FinkTom.Core.Tns;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Tns;

/// <summary>The imported catalogue file: Fink's resolver searches, re-imports, and the ingest cross-match.</summary>
public sealed class TnsCatalogTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly TnsCatalogFile _catalog;

    public TnsCatalogTests() => _catalog = new TnsCatalogFile(Path.Combine(_folder.Path, "tns.db"));

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Forward_is_a_case_insensitive_name_prefix_and_reverse_an_internal_name()
    {
        await _catalog.ReplaceAsync(TnsSamples.Catalogue);

        Assert.Equal(["SN 2023abc", "SN 2023ixf", "SN 2023ixf"], (await _catalog.ResolveAsync("sn 2023", false, 10)).Select(r => r.FullName));
        Assert.Equal(["ATLAS23pxh", "ZTF23aaklqou"], (await _catalog.ResolveAsync("SN 2023IXF", false, 10)).Select(r => r.InternalName));
        var reverse = Assert.Single(await _catalog.ResolveAsync("ztf23aaklqou", true, 10));
        Assert.Equal(("SN 2023ixf", "SN II", 0.000804), (reverse.FullName, reverse.Type, reverse.Redshift));
        Assert.Single(await _catalog.ResolveAsync("sn 2023", false, 1));
        // Entries without an internal name are not resolver rows (Fink's cut); an empty name lists the table.
        Assert.Equal(5, (await _catalog.ResolveAsync("", false, 100)).Count);
        Assert.Empty(await _catalog.ResolveAsync("AT 2024old", false, 10));
    }

    [Fact]
    public async Task A_re_import_replaces_the_catalogue()
    {
        await _catalog.ReplaceAsync(TnsSamples.Catalogue);
        Assert.Equal("SN Ia", _catalog.TypeNear(12.5, -30.25, 1.5));

        await _catalog.ReplaceAsync([new TnsEntry("SN 2025new", 12.5, -30.25, "SLSN-I", null, ["ZTF25aaaaaaa"])]);

        Assert.Empty(await _catalog.ResolveAsync("sn 2023", false, 10));
        Assert.Single(await _catalog.ResolveAsync("sn 2025", false, 10));
        Assert.Equal("SLSN-I", _catalog.TypeNear(12.5, -30.25, 1.5));
    }

    [Fact]
    public async Task The_cross_match_takes_the_nearest_classified_object_within_the_radius()
    {
        Assert.Null(_catalog.TypeNear(12.5, -30.25, 1.5)); // nothing imported: nothing to say
        await _catalog.ReplaceAsync(TnsSamples.Catalogue);

        Assert.Equal("SN Ia", _catalog.TypeNear(12.5 + 1.0 / 3600 / Math.Cos(30.25 * Math.PI / 180), -30.25, 1.5)); // 1″ east
        Assert.Equal("", _catalog.TypeNear(12.5, -30.25 + 2.0 / 3600, 1.5));   // 2″ away
        Assert.Equal("", _catalog.TypeNear(12.5004, -30.25, 0.5));            // AT 2023xyz is not classified
        Assert.Equal("SN II", _catalog.TypeNear(210.910674637, 54.31165887, 1.5));
    }

    [Fact]
    public async Task Raw_alerts_get_their_tns_type_on_the_way_in_and_delivered_ones_keep_theirs()
    {
        await _catalog.ReplaceAsync(TnsSamples.Catalogue);
        var store = new Recording();
        var writer = new TnsTaggingWriter(store, _catalog);
        var near = TestAlerts.Make(1, "ZTF23near", 2460000.5, 12.5, -30.25);
        var far = TestAlerts.Make(2, "ZTF23far", 2460000.5, 40, 40);
        var delivered = TestAlerts.Make(3, "ZTF23deliv", 2460000.5, 12.5, -30.25);
        delivered["d:tns"] = "";

        await writer.WriteAsync([near, far, delivered]);

        Assert.Equal(["SN Ia", "", ""], store.Written.Select(a => (string?)a["d:tns"]));
    }

    private sealed class Recording : IAlertWriter
    {
        public List<Alert> Written { get; } = [];

        public Task<StoreWriteResult> WriteAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default)
        {
            Written.AddRange(alerts);
            return Task.FromResult(new StoreWriteResult(alerts.Count, 0));
        }
    }
}
