using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinkTom.Core.Model;
using FinkTom.Core.Validation;
using FinkTom.Core.Surveys;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Store.Elasticsearch.Api;
using FinkTom.Store.Elasticsearch.Mapping;
using FinkTom.Store.Elasticsearch.Query;
using FinkTom.Store.Elasticsearch.Write;

namespace FinkTom.Store.Elasticsearch;

/// <summary>
/// The store for scale: alerts, history points, cutouts and object summaries in Elasticsearch (8.x; 7.17 and OpenSearch 2.x use the same
/// calls), one index per period of observation time behind one alias per kind. The first call installs the index
/// templates; writes create the period indices they need.
/// </summary>
public sealed class ElasticsearchAlertStore : IAlertStore
{
    public const int MaxHistoryPage = 10_000;

    private readonly ElasticsearchStoreOptions _options;
    private readonly ElasticsearchCalls _calls;
    private readonly AlertReader _reader;
    private readonly BulkWriter _writer;
    private readonly ObjectReader _objects;
    private readonly ObjectSummaryUpdater _summaries;
    private readonly SemaphoreSlim _bulkSlots = new(2, 2); // back-pressure: at most two bulk requests in flight per process
    private readonly SemaphoreSlim _bootstrapLock = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _createdIndices = new(StringComparer.Ordinal);
    private volatile bool _ready;
    private int _unrefreshedWrites;
    private volatile StatisticsSnapshot? _statistics;

    private sealed record StatisticsSnapshot(StoreStatistics Value, DateTime At);

    public ElasticsearchAlertStore(Elastic.Clients.Elasticsearch.ElasticsearchClient client, ElasticsearchStoreOptions options, Func<TimeSpan, CancellationToken, Task>? delay = null)
    {
        if (options.Problems() is { Count: > 0 } problems)
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        _options = options;
        Layout = new IndexLayout(options.IndexPrefix, options.IndexPeriod);
        _calls = new ElasticsearchCalls(client, new Backoff(options.MaxRetries, options.RetryBaseDelay, delay));
        _reader = new AlertReader(_calls, Layout, options.MaxLatestPerObjectGroups);
        _writer = new BulkWriter(_calls, options.BulkMaxBytes);
        _objects = new ObjectReader(_calls, Layout);
        _summaries = new ObjectSummaryUpdater(_calls, Layout, _writer);
    }

    public IndexLayout Layout { get; }

    /// <summary>Checks the version and health of the cluster and installs (or updates) the four index templates; runs
    /// once, again after a failure.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (_ready)
            return;
        await _bootstrapLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
                return;
            var info = await _calls.InfoAsync(cancellationToken).ConfigureAwait(false);
            // The official 9.x client speaks REST API version 9 (compatible-with=9), which only Elasticsearch 9 answers.
            if (info?.Version is { Number: { } number }
                && System.Version.TryParse(number.Split('-')[0], out var version) && version < new Version(9, 0))
                throw new ElasticsearchException($"Elasticsearch {number} is too old: FinkTom's client (Elastic.Clients.Elasticsearch 9.x) needs Elasticsearch 9.");
            await _calls.EnsureHealthyAsync(TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            await _calls.PutIndexTemplateAsync(Layout.AlertsAlias, IndexTemplates.Alerts(Layout, _options), cancellationToken).ConfigureAwait(false);
            await _calls.PutIndexTemplateAsync(Layout.HistoryAlias, IndexTemplates.History(Layout, _options), cancellationToken).ConfigureAwait(false);
            await _calls.PutIndexTemplateAsync(Layout.CutoutsAlias, IndexTemplates.Cutouts(Layout, _options), cancellationToken).ConfigureAwait(false);
            await _calls.PutIndexTemplateAsync(Layout.ObjectsAlias, IndexTemplates.Objects(Layout, _options), cancellationToken).ConfigureAwait(false);
            _ready = true;
        }
        finally
        {
            _bootstrapLock.Release();
        }
    }

    public async Task<StoreWriteResult> WriteAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default)
    {
        alerts = AlertValidation.Storable(alerts, Survey.Ztf, out var rejected); // defence in depth: the ways in checked already
        if (alerts.Count == 0)
            return StoreWriteResult.Empty with { Rejected = rejected };
        var items = BulkItem.For(alerts, Layout, _options.StoreCutouts); // before any request: a value that cannot be written fails the batch whole
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        foreach (var index in items.Select(i => i.Index).Append(Layout.ObjectsIndex).Distinct())
            if (!_createdIndices.ContainsKey(index))
            {
                await _calls.CreateIndexAsync(index, cancellationToken).ConfigureAwait(false);
                _createdIndices[index] = true;
            }

        BulkOutcome outcome;
        await _bulkSlots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            outcome = await _writer.WriteAsync(items, cancellationToken).ConfigureAwait(false);
            // Every object of the batch, duplicates included: that repairs summaries a failed earlier attempt left behind.
            // The refresh of the batch's alert indices lets the recomputing search see the alerts just written.
            var alertIndices = items.Where(i => i.Kind == BulkItemKind.Alert).Select(i => i.Index).Distinct();
            await _calls.RefreshAsync(string.Join(',', alertIndices), cancellationToken).ConfigureAwait(false);
            await _summaries.UpdateAsync(alerts.Select(a => a.ObjectId), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _bulkSlots.Release();
            Interlocked.Increment(ref _unrefreshedWrites);
            _statistics = null;
        }
        var stored = outcome.Count(BulkItemKind.Alert, BulkItemStatus.Created);
        var duplicates = outcome.Count(BulkItemKind.Alert, BulkItemStatus.AlreadyStored);
        if (outcome.Failures.Count > 0)
            throw new ElasticsearchBulkException(
                $"Elasticsearch refused {outcome.Failures.Count} of {items.Count} documents of a batch of {alerts.Count} alerts " +
                $"({stored} alerts stored, {duplicates} already stored); first: {outcome.Failures[0]}", outcome.Failures);
        // Created (201) alert documents, by id = candid: the alerts new to the store, for livestream publication.
        var storedCandids = outcome.Items.Where((item, i) => item.Kind == BulkItemKind.Alert && outcome.Statuses[i] == BulkItemStatus.Created)
            .Select(item => long.Parse(item.Id, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        return new StoreWriteResult(stored, duplicates) { StoredCandids = storedCandids, Rejected = rejected };
    }

    public async IAsyncEnumerable<Alert> QueryAsync(AlertQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await BeforeReadAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var page in _reader.PagesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (query.WithCutouts)
                await AttachCutoutsAsync(page, cancellationToken).ConfigureAwait(false);
            foreach (var alert in page)
                yield return alert;
        }
    }

    public async Task<long> CountAsync(AlertQuery query, CancellationToken cancellationToken = default)
    {
        await BeforeReadAsync(cancellationToken).ConfigureAwait(false);
        return query.LatestPerObject
            ? await _reader.CountObjectsAsync(query, cancellationToken).ConfigureAwait(false)
            : await _calls.CountAsync(Layout.AlertsAlias, AlertSearch.Filter(query), cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<HistoryPoint>> GetHistoryAsync(IReadOnlyList<string> objectIds, CancellationToken cancellationToken = default)
    {
        var points = new List<HistoryPoint>();
        if (objectIds.Count == 0)
            return points;
        await BeforeReadAsync(cancellationToken).ConfigureAwait(false);
        JsonArray? after = null;
        while (true)
        {
            var body = new JsonObject
            {
                ["query"] = Dsl.Terms("object_id", objectIds.Select(id => (JsonNode)id)),
                // jd, fid and object id together are the document's identity: a total order for search_after.
                ["sort"] = new JsonArray(Dsl.SortOn("jd", false), Dsl.SortOn("fid", false), Dsl.SortOn("object_id", false)),
                ["size"] = MaxHistoryPage,
                ["track_total_hits"] = false,
            };
            if (after is not null)
                body["search_after"] = after;
            var hits = (await _calls.SearchAsync(Layout.HistoryAlias, body, cancellationToken).ConfigureAwait(false)).Hits.Hits;
            points.AddRange(hits.Select(h => HistoryDocuments.Read(h.Source!.Value)));
            if (hits.Count < MaxHistoryPage)
                return points;
            after = new JsonArray([.. hits[^1].Sort!.Select(v => (JsonNode?)JsonValue.Create(v))]);
        }
    }

    public async Task<StoredCutouts?> GetCutoutsAsync(string objectId, long? candid, CancellationToken cancellationToken = default)
    {
        await BeforeReadAsync(cancellationToken).ConfigureAwait(false);
        var filters = new List<JsonObject> { Dsl.Term("objectId", objectId) };
        if (candid is { } id)
            filters.Add(Dsl.Term("candid", id));
        var body = new JsonObject
        {
            ["query"] = Dsl.Filter(filters),
            // The latest alert; on a jd tie the larger candid, as everywhere (SortKey.TieBreakDescending).
            ["sort"] = new JsonArray(Dsl.SortOn("jd", descending: true), Dsl.SortOn("candid", descending: true)),
            ["size"] = 1,
            ["track_total_hits"] = false,
        };
        var hits = (await _calls.SearchAsync(Layout.CutoutsAlias, body, cancellationToken).ConfigureAwait(false)).Hits.Hits;
        return hits is [{ Source: { } source }] ? CutoutDocuments.Read(source) : null;
    }

    public async IAsyncEnumerable<ObjectSummary> QueryObjectsAsync(ObjectQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await BeforeReadAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var summary in _objects.QueryAsync(query, cancellationToken).ConfigureAwait(false))
            yield return summary;
    }

    public async Task<long> CountObjectsAsync(ObjectQuery query, CancellationToken cancellationToken = default)
    {
        await BeforeReadAsync(cancellationToken).ConfigureAwait(false);
        return await _objects.CountAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Counted per request by an aggregation over the nights asked for (<see cref="NightStatisticsQuery"/>).</summary>
    public async Task<IReadOnlyList<Core.Statistics.NightStatistics>> GetNightStatisticsAsync(string nightPrefix, CancellationToken cancellationToken = default)
    {
        await BeforeReadAsync(cancellationToken).ConfigureAwait(false);
        return await NightStatisticsQuery.RunAsync(_calls, Layout, nightPrefix, cancellationToken).ConfigureAwait(false);
    }

    public async Task<StoreStatistics> GetStatisticsAsync(CancellationToken cancellationToken = default)
    {
        if (_statistics is { } cached && DateTime.UtcNow - cached.At < TimeSpan.FromSeconds(10))
            return cached.Value;
        await BeforeReadAsync(cancellationToken).ConfigureAwait(false);
        var statistics = await StoreStatisticsQuery.RunAsync(_calls, _reader, Layout, Location, cancellationToken).ConfigureAwait(false);
        _statistics = new StatisticsSnapshot(statistics, DateTime.UtcNow);
        return statistics;
    }

    /// <summary>Where the data is, for people: the address without credentials, and the alias.</summary>
    public string Location => $"{new UriBuilder(_options.Url) { UserName = "", Password = "" }.Uri.GetLeftPart(UriPartial.Authority)} ({Layout.AlertsAlias})";

    /// <summary>Makes everything written so far visible to searches.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _unrefreshedWrites, 0);
        await _calls.RefreshAsync(Layout.AllAliases, cancellationToken).ConfigureAwait(false);
    }

    private async Task BeforeReadAsync(CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        if (_options.ReadYourWrites && Volatile.Read(ref _unrefreshedWrites) > 0)
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task AttachCutoutsAsync(List<Alert> page, CancellationToken cancellationToken)
    {
        if (page.Count == 0)
            return;
        var body = new JsonObject
        {
            ["query"] = new JsonObject { ["ids"] = new JsonObject { ["values"] = new JsonArray([.. page.Select(a => (JsonNode)a.Candid.ToString())]) } },
            ["size"] = page.Count,
            ["track_total_hits"] = false,
        };
        var hits = (await _calls.SearchAsync(Layout.CutoutsAlias, body, cancellationToken).ConfigureAwait(false)).Hits.Hits;
        var byCandid = hits.Where(h => h.Source is not null).ToDictionary(h => h.Source!.Value.GetProperty("candid").GetInt64(), h => h.Source!.Value);
        foreach (var alert in page)
            if (byCandid.TryGetValue(alert.Candid, out var source))
                alert.Cutouts = CutoutDocuments.ReadCutouts(source);
    }
}
