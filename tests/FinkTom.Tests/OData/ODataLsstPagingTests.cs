using System.Collections.Concurrent;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Server.Hosting;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Support;
using FinkTom.Tests.Surveys.Lsst;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FinkTom.Tests.OData;

/// <summary>The Rubin sets page as the ZTF ones do (keyset on the key or the time, offset otherwise), and their query options
/// reach the LSST store as a query instead of being applied to rows read in full.</summary>
[Collection(ApiCollection.Name)]
public sealed class ODataLsstPagingTests(FinkTomFactory factory)
{
    private static readonly IFormatProvider Inv = System.Globalization.CultureInfo.InvariantCulture;
    private static readonly List<Alert> Sample = LsstSamples.Read(LsstSamples.DataTransfer);

    private readonly ODataReaderClient _client = new(factory.CreateClient());

    [Theory]
    [InlineData("LsstSources", "diaSourceId", null, 7)]
    [InlineData("LsstSources", "diaSourceId", "date desc", 7)]
    [InlineData("LsstSources", "diaSourceId", "psfFlux", 7)]
    [InlineData("LsstObjects", "diaObjectId", null, 5)]
    [InlineData("LsstObjects", "diaObjectId", "lastdate desc", 5)]
    [InlineData("LsstObjects", "diaObjectId", "nDiaSources desc", 5)]
    public async Task Pages_of_two_deliver_each_row_once_in_order_with_ties_broken_by_key(string set, string key, string? orderBy, int rows)
    {
        _client.Headers["Prefer"] = "odata.maxpagesize=2";

        var (entities, pages, _) = await _client.ReadAllAsync(orderBy is null ? set : $"{set}?$orderby={orderBy}", set);

        Assert.Equal(rows, entities.Select(e => e[key]).Distinct().Count());
        Assert.Equal(rows, entities.Count);
        Assert.Equal((rows + 1) / 2, pages);
        var keys = entities.Select(e => long.Parse((string)e[key]!, Inv)).ToList();
        if (orderBy is null)
        {
            Assert.Equal(keys.Order(), keys);
            return;
        }
        var (property, descending) = (orderBy.Split(' ')[0], orderBy.EndsWith(" desc"));
        var values = entities.Select(e => Convert.ToDouble(e[property] is DateTimeOffset d ? d.Ticks : e[property], Inv)).ToList();
        Assert.Equal(descending ? values.OrderDescending() : values.Order(), values);
        // Four alerts of the sample share one exposure: their rows come in key order, in the sort's direction.
        foreach (var tie in entities.Select((e, i) => (Value: values[i], Key: keys[i])).GroupBy(t => t.Value).Where(g => g.Count() > 1))
            Assert.Equal(descending ? tie.Select(t => t.Key).OrderDescending() : tie.Select(t => t.Key).Order(), tie.Select(t => t.Key));
    }

    [Fact]
    public async Task Forced_photometry_pages_through_thousands_of_rows_by_keyset_and_stops_at_top()
    {
        var forced = Sample.SelectMany(a => a.Measurements).Where(m => m.Kind.Stored).DistinctBy(m => m.Id).ToList();
        _client.Headers["Prefer"] = "odata.maxpagesize=500";

        var (all, pages, _) = await _client.ReadAllAsync("LsstForcedPhotometry?$select=diaForcedSourceId", "LsstForcedPhotometry");
        var (latest, topPages, _) = await _client.ReadAllAsync("LsstForcedPhotometry?$orderby=date desc&$top=700&$select=diaForcedSourceId", "LsstForcedPhotometry");

        Assert.Equal((forced.Count + 499) / 500, pages);
        Assert.Equal(forced.Select(m => m.Id).Order(), all.Select(e => long.Parse((string)e["diaForcedSourceId"]!, Inv)));
        Assert.Equal(700, latest.Count);
        Assert.Equal(2, topPages);
        // Ids, not times: Microsoft's reader may read a double one ulp off (it parses through decimal).
        Assert.Equal(forced.OrderByDescending(m => m.Time).ThenByDescending(m => m.Id).Take(700).Select(m => m.Id),
            latest.Select(e => long.Parse((string)e["diaForcedSourceId"]!, Inv)));
    }

    [Fact]
    public async Task Filter_select_orderby_and_top_reach_the_store_as_one_query()
    {
        await using var host = factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Samples:IngestOnEmptyStore", "false");
            builder.ConfigureTestServices(services => services.AddKeyedSingleton<IAlertReader>(SurveyStores.Lsst,
                (sp, key) => new RecordingReader(sp.GetRequiredKeyedService<SqliteAlertStore>(key))));
        });
        var client = new ODataReaderClient(host.CreateClient());
        var recorder = (RecordingReader)host.Services.GetRequiredKeyedService<IAlertReader>(SurveyStores.Lsst);

        await client.ReadAllAsync("LsstSources?$filter=band eq 'i' and psfFlux gt 5000&$select=diaSourceId,psfFlux&$orderby=psfFlux desc&$top=2", "LsstSources");
        await client.ReadAllAsync("LsstObjects?$filter=nDiaSources gt 350&$select=diaObjectId", "LsstObjects");
        await client.ReadAllAsync("LsstForcedPhotometry?$filter=band eq 'g'&$top=10", "LsstForcedPhotometry");

        var sources = Assert.Single(recorder.Alerts, q => !q.LatestPerObject);
        Assert.Equal([new ComparePredicate("r:band", CompareOp.Eq, "i"), new ComparePredicate("r:psfFlux", CompareOp.Gt, 5000.0)], Conjuncts(sources.Where));
        Assert.Equal([new SortKey("r:psfFlux", Descending: true)], sources.OrderBy);
        Assert.Equal(3, sources.Limit); // $top=2 and one more row, to know whether a next page is due
        Assert.Equal(["r:diaSourceId", "r:psfFlux", "r:ra", "r:dec"], sources.Columns);
        var objects = Assert.Single(recorder.Alerts, q => q.LatestPerObject);
        Assert.Equal(new ComparePredicate("r:nDiaSources", CompareOp.Gt, 350L), objects.WhereLatest);
        var forced = Assert.Single(recorder.Measurements);
        Assert.Equal(new ComparePredicate("r:band", CompareOp.Eq, "g"), forced.Where);
        Assert.Equal(11, forced.Limit);
    }

    private static IEnumerable<Predicate> Conjuncts(Predicate? predicate) => predicate switch
    {
        null => [],
        AndPredicate and => Conjuncts(and.Left).Concat(Conjuncts(and.Right)),
        _ => [predicate],
    };

    /// <summary>The Rubin store, noting every query the feed sends it.</summary>
    private sealed class RecordingReader(IAlertReader store) : IAlertReader
    {
        public ConcurrentQueue<AlertQuery> Alerts { get; } = new();

        public ConcurrentQueue<MeasurementQuery> Measurements { get; } = new();

        public IAsyncEnumerable<Alert> QueryAsync(AlertQuery query, CancellationToken cancellationToken = default)
        {
            Alerts.Enqueue(query);
            return store.QueryAsync(query, cancellationToken);
        }

        public IAsyncEnumerable<Measurement> QueryMeasurementsAsync(MeasurementQuery query, CancellationToken cancellationToken = default)
        {
            Measurements.Enqueue(query);
            return store.QueryMeasurementsAsync(query, cancellationToken);
        }

        public Task<long> CountAsync(AlertQuery query, CancellationToken cancellationToken = default) => store.CountAsync(query, cancellationToken);

        public Task<long> CountMeasurementsAsync(MeasurementQuery query, CancellationToken cancellationToken = default) =>
            store.CountMeasurementsAsync(query, cancellationToken);

        public Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken = default) =>
            store.GetHistoryAsync(objectIds, cancellationToken);

        public Task<IReadOnlyList<Measurement>> GetMeasurementsAsync(HistoryKind kind, IReadOnlyList<string> objectIds, CancellationToken cancellationToken = default) =>
            store.GetMeasurementsAsync(kind, objectIds, cancellationToken);

        public Task<StoredCutouts?> GetCutoutsAsync(string objectId, long? candid, CancellationToken cancellationToken = default) =>
            store.GetCutoutsAsync(objectId, candid, cancellationToken);

        public Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default) => store.GetStatisticsAsync(cancellationToken);
    }
}
