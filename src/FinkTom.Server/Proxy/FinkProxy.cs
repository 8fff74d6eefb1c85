using System.Text.Json;
using FinkTom.Core.Api;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.FinkClient;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Formats;
using Microsoft.Extensions.Options;
using static FinkTom.Server.Proxy.ProxySource;

namespace FinkTom.Server.Proxy;

/// <summary>
/// The one seam between the endpoints and the upstream Fink API. An endpoint validates its parameters, then asks
/// the proxy: null means "answer from the local store" (after the proxy fetched and stored what was missing, for
/// /objects), anything else is the answer to send. With proxy mode off every method returns null at once.
/// It reads the store (<paramref name="store"/>: are the stamps here?) and writes to it (<paramref name="writer"/>: what it
/// fetched from upstream, through the livestreams like any other way in).
/// </summary>
/// <param name="newCaller">A caller per upstream call: each gets a fresh typed HttpClient, so the factory can rotate handlers.</param>
public sealed class FinkProxy(
    IOptions<UpstreamOptions> options, Func<UpstreamCaller> newCaller, ProxyClock clock, SingleFlight flights,
    IAlertReader store, IAlertWriter writer,
    IHostApplicationLifetime lifetime, Security.CallerCredentials callers, ILogger<FinkProxy> log)
{
    private readonly UpstreamOptions _options = options.Value;
    private readonly ProxyCache<ProxyAnswer> _answers = new(options.Value.Cache.MaxSizeMiB * 1024L * 1024, options.Value.Cache.MaxStale, clock);
    private readonly ProxyCache<bool> _fetchedObjects = new(options.Value.Cache.MaxObjects, options.Value.Cache.MaxStale, clock);

    /// <summary>A cached upstream answer, parsed once when it was fetched.</summary>
    private sealed record ProxyAnswer(UpstreamAnswer Raw, UpstreamTable? Table);

    /// <summary>One relayed upstream call: its cache key, freshness, how to make it, check it and show it.</summary>
    private sealed record Relay(string Key, TimeSpan Ttl, string What, Func<IFinkApi, CancellationToken, Task<HttpResponseMessage>> Call,
        Func<ProxyAnswer, ProxyResult> Render, Func<UpstreamAnswer, CancellationToken, Task<ProxyAnswer>> Accept);

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47];

    public bool Enabled => _options.Enabled;

    /// <summary>Upstream calls started (coalesced calls count once).</summary>
    public int UpstreamCalls => flights.Started;

    private UpstreamCaller Caller => newCaller();

    /// <summary>
    /// <c>/objects</c>: complete locally when every id was fetched from upstream within <see cref="UpstreamCacheOptions.Objects"/>;
    /// otherwise the missing ids are fetched (all alerts, all columns, upper limits), stored, and the store answers.
    /// With <c>withcutouts</c> the answer is relayed, since fetched alerts carry no stamps.
    /// </summary>
    public async Task<ProxyResult?> ObjectsAsync(HttpContext http, ParameterBag bag, IReadOnlyList<string> ids, bool withCutouts,
        TableFormat format, CancellationToken ct)
    {
        if (withCutouts)
            return await RelayAsync(http, TableRelay("/api/v1/objects", UpstreamRequests.Objects(bag, ids), _options.Cache.Objects, format,
                (api, request, t) => api.ObjectsAsync(request, t)), ct);
        if (Start(http) is not { } policy)
            return null;
        if (policy.Error is not null)
            return policy.Error;
        var now = clock.UtcNow;
        var known = ids.Distinct(StringComparer.Ordinal).ToDictionary(id => id, id => _fetchedObjects.Get(id), StringComparer.Ordinal);
        var missing = known.Where(k => policy.Policy == Policy.Upstream || k.Value?.IsFresh(now) != true).Select(k => k.Key).ToList();
        if (missing.Count == 0)
        {
            Mark(http, Cache, known.Values.Min(v => v!.FetchedAt), now);
            return null;
        }
        var result = await FetchObjectsAsync(missing, ct);
        if (result.Failure is not { } failure)
        {
            Mark(http, Upstream, now);
            return null;
        }
        if (policy.Policy == Policy.Auto && !failure.IsRefusal && missing.All(id => known[id] is not null))
        {
            Mark(http, Stale, known.Values.Min(v => v!.FetchedAt), now, failure.Text);
            return null;
        }
        return ProxyResult.Error(failure);
    }

    /// <summary><c>/conesearch</c>: complete only for a query fetched before (the cache of fetched queries), never from local data alone.</summary>
    public Task<ProxyResult?> ConeSearchAsync(HttpContext http, ParameterBag bag, Cone cone, TableFormat format, CancellationToken ct) =>
        RelayAsync(http, TableRelay("/api/v1/conesearch", UpstreamRequests.ConeSearch(bag, cone), _options.Cache.ConeSearch, format,
            (api, request, t) => api.ConeSearchAsync(request, t), FollowUpConeAsync), ct);

    /// <summary><c>/latests</c>: the newest alerts upstream holds change all the time; only a fetched query answers.</summary>
    public Task<ProxyResult?> LatestsAsync(HttpContext http, ParameterBag bag, TableFormat format, CancellationToken ct) =>
        RelayAsync(http, TableRelay("/api/v1/latests", UpstreamRequests.Latests(bag), _options.Cache.Latests, format,
            (api, request, t) => api.LatestsAsync(request, t)), ct);

    /// <summary><c>/anomaly</c>: upstream scores every alert it holds; only a fetched query answers.</summary>
    public Task<ProxyResult?> AnomalyAsync(HttpContext http, ParameterBag bag, TableFormat format, CancellationToken ct) =>
        RelayAsync(http, TableRelay("/api/v1/anomaly", UpstreamRequests.Anomaly(bag), _options.Cache.Anomaly, format,
            (api, request, t) => api.AnomalyAsync(request, t)), ct);

    /// <summary><c>/tracklet</c>: only a fetched query answers (local alerts may lack the tracklets upstream found).</summary>
    public Task<ProxyResult?> TrackletAsync(HttpContext http, ParameterBag bag, TableFormat format, CancellationToken ct) =>
        RelayAsync(http, TableRelay("/api/v1/tracklet", UpstreamRequests.Tracklet(bag), _options.Cache.Tracklet, format,
            (api, request, t) => api.TrackletAsync(request, t)), ct);

    /// <summary><c>/sso</c>: upstream resolves names FinkTom cannot (IMCCE), so only a fetched query answers.</summary>
    public Task<ProxyResult?> SsoAsync(HttpContext http, ParameterBag bag, TableFormat format, CancellationToken ct) =>
        RelayAsync(http, TableRelay("/api/v1/sso", UpstreamRequests.Sso(bag), _options.Cache.Sso, format,
            (api, request, t) => api.SsoAsync(request, t)), ct);

    /// <summary>Endpoints whose answers need Fink's online services or tables (resolver's SIMBAD and SsODNet, /ssoft,
    /// /ssocand, /ssobulk): relayed as received, in whatever format upstream sent. Null with proxy mode off.</summary>
    public Task<ProxyResult?> PassThroughAsync(HttpContext http, string endpoint, ParameterBag bag, CancellationToken ct)
    {
        var parameters = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var name in bag.Names)
            parameters[name] = bag.Get(name) switch { "True" => true, "False" => false, var value => value ?? "" };
        var path = "/api/v1/" + endpoint;
        return RelayAsync(http, new Relay(UpstreamRequests.Key(path, parameters), _options.Cache.Sso, path,
            (api, t) => api.PostAsync(endpoint, parameters, t),
            cached => ProxyResult.Content(cached.Raw),
            (answer, _) => answer.Body.Length == 0
                ? throw new FormatException("it is empty")
                : Task.FromResult(new ProxyAnswer(answer, null))), ct);
    }

    public Task<ProxyResult?> ClassesAsync(HttpContext http, CancellationToken ct) =>
        RelayAsync(http, DocumentRelay("/api/v1/classes", _options.Cache.Classes, (api, t) => api.ClassesAsync(t)), ct);

    public Task<ProxyResult?> SchemaAsync(HttpContext http, CancellationToken ct) =>
        RelayAsync(http, DocumentRelay("/api/v1/schema", _options.Cache.Schema, (api, t) => api.SchemaAsync(t)), ct);

    /// <summary><c>/cutouts</c>: local when the store holds the stamps of the given <c>candid</c>; otherwise relayed as received.</summary>
    public async Task<ProxyResult?> CutoutsAsync(HttpContext http, ParameterBag bag, string objectId, long? candid, CancellationToken ct)
    {
        if (Enabled && candid is not null && ReadPolicy(http.Request).Policy == Policy.Auto
            && await store.GetCutoutsAsync(objectId, candid, ct) is not null)
        {
            Mark(http, Local);
            return null;
        }
        var request = UpstreamRequests.Cutouts(bag);
        var what = $"/api/v1/cutouts for {objectId}";
        return await RelayAsync(http, new Relay(UpstreamRequests.Key("/api/v1/cutouts", request), _options.Cache.Cutouts, what,
            (api, t) => api.CutoutsAsync(request, t),
            cached => ProxyResult.Content(cached.Raw),
            (answer, _) =>
            {
                if (answer.Body.Length == 0 || (request.OutputFormat == "array" && !IsJsonObject(answer.Body))
                    || (request.OutputFormat is null or "PNG" && !answer.Body.AsSpan().StartsWith(PngSignature)))
                    throw new FormatException($"it is not the {request.OutputFormat ?? "PNG"} stamp the contract documents");
                return Task.FromResult(new ProxyAnswer(answer, null));
            }), ct);
    }

    // ---- shared flow ----

    private sealed record Started(Policy Policy, ProxyResult? Error);

    /// <summary>Null when the local store answers without the proxy: proxy mode off, or the caller asked for local.</summary>
    private Started? Start(HttpContext http)
    {
        var (policy, error) = ReadPolicy(http.Request);
        if (error is not null)
            return new Started(policy, error);
        if (!Enabled)
            return policy == Policy.Upstream
                ? new Started(policy, ProxyResult.Error(400, new FinkError(
                    $"`{PolicyHeader}: upstream` needs proxy mode; set Upstream:Url to the upstream Fink API.", PolicyHeader)))
                : null;
        // Forcing a fetch spends the upstream budget every caller shares: only callers with a key may do it.
        if (policy == Policy.Upstream && callers.Identify(http.Request) is null)
            return new Started(policy, ProxyResult.Error(403, new FinkError(
                $"`{PolicyHeader}: upstream` is for callers with an API key (X-Api-Key); without one, use auto or local.", PolicyHeader)));
        if (policy != Policy.Local)
            return new Started(policy, null);
        Mark(http, Local);
        return null;
    }

    private async Task<ProxyResult?> RelayAsync(HttpContext http, Relay relay, CancellationToken ct)
    {
        if (Start(http) is not { } policy)
            return null;
        if (policy.Error is not null)
            return policy.Error;
        var now = clock.UtcNow;
        var cached = _answers.Get(relay.Key);
        if (policy.Policy == Policy.Auto && cached is not null && cached.IsFresh(now))
        {
            Mark(http, Cache, cached.FetchedAt, now);
            return relay.Render(cached.Value);
        }
        var (answer, failure) = await flights.RunAsync(relay.Key, () => FetchAsync(relay), ct);
        if (answer is not null)
        {
            Mark(http, Upstream, now);
            return relay.Render(answer);
        }
        if (policy.Policy == Policy.Auto && !failure!.IsRefusal && cached is not null)
        {
            Mark(http, Stale, cached.FetchedAt, now, failure.Text);
            return relay.Render(cached.Value);
        }
        return ProxyResult.Error(failure!);
    }

    private sealed record Outcome(ProxyAnswer? Answer, UpstreamFailure? Failure);

    private async Task<Outcome> FetchAsync(Relay relay)
    {
        var token = lifetime.ApplicationStopping;
        var result = await Caller.SendAsync(relay.What, relay.Call, token);
        if (result.Answer is not { } raw)
            return new Outcome(null, result.Failure);
        try
        {
            var answer = await relay.Accept(raw, token);
            _answers.Set(relay.Key, answer, relay.Ttl, raw.Body.LongLength + relay.Key.Length);
            return new Outcome(answer, null);
        }
        catch (FormatException e)
        {
            log.LogWarning("Upstream answer to {What} refused: {Reason}", relay.What, e.Message);
            return new Outcome(null, new UpstreamFailure(502, $"The upstream Fink API's answer to {relay.What} is not what the contract documents: {e.Message}"));
        }
    }

    private Relay TableRelay<TRequest>(string path, TRequest request, TimeSpan ttl, TableFormat format,
        Func<IFinkApi, TRequest, CancellationToken, Task<HttpResponseMessage>> call,
        Func<UpstreamTable, CancellationToken, Task>? afterStore = null) where TRequest : notnull =>
        new(UpstreamRequests.Key(path, request), ttl, path, (api, t) => call(api, request, t),
            cached => ProxyResult.Table(cached.Table!, format),
            async (answer, t) =>
            {
                var table = UpstreamTable.Parse(answer.Body);
                await StoreAsync(table, path, t);
                if (afterStore is not null)
                    await afterStore(table, t);
                return new ProxyAnswer(answer, table);
            });

    private Relay DocumentRelay(string path, TimeSpan ttl, Func<IFinkApi, CancellationToken, Task<HttpResponseMessage>> call) =>
        new(path, ttl, path, call, cached => ProxyResult.Content(cached.Raw with { ContentType = "application/json" }),
            (answer, _) => IsJsonObject(answer.Body)
                ? Task.FromResult(new ProxyAnswer(answer, null))
                : throw new FormatException("it is not a JSON object"));

    private static bool IsJsonObject(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // ---- storing what upstream brought ----

    private async Task StoreAsync(UpstreamTable table, string what, CancellationToken ct)
    {
        var converted = FinkRecordAlerts.Convert(table.Records);
        foreach (var reason in converted.Rejections.Take(10))
            log.LogWarning("Did not store an alert from upstream {What}: {Reason}", what, reason);
        if (converted.Alerts.Count == 0)
            return;
        var written = await writer.WriteAsync(converted.Alerts, ct);
        log.LogInformation("Stored {Stored} alerts from upstream {What} ({Duplicates} already held, {History} history points, {Skipped} rows not stored)",
            written.Stored, what, written.Duplicates, converted.HistoryPoints, converted.Skipped);
    }

    /// <summary>Fetches every alert of the objects (all columns, upper limits), stores them and remembers when; coalesced.</summary>
    private Task<UpstreamResult> FetchObjectsAsync(IReadOnlyList<string> ids, CancellationToken ct)
    {
        var sorted = ids.Order(StringComparer.Ordinal).ToList();
        var request = UpstreamRequests.FullObjects(sorted);
        return flights.RunAsync(UpstreamRequests.Key("/api/v1/objects", request), async () =>
        {
            var token = lifetime.ApplicationStopping;
            var result = await Caller.SendAsync($"/api/v1/objects for {sorted.Count} object(s)", (api, t) => api.ObjectsAsync(request, t), token);
            if (result.Answer is not { } answer)
                return result;
            try
            {
                await StoreAsync(UpstreamTable.Parse(answer.Body), "/api/v1/objects", token);
            }
            catch (FormatException e)
            {
                return UpstreamResult.Fail(502, $"The upstream Fink API's answer to /api/v1/objects is not what the contract documents: {e.Message}");
            }
            foreach (var id in sorted)
                _fetchedObjects.Set(id, true, _options.Cache.Objects, 1);
            return result;
        }, ct);
    }

    /// <summary>Cone rows are index rows (a few columns): fetch the full alerts of the nearest objects so they become local.</summary>
    private async Task FollowUpConeAsync(UpstreamTable table, CancellationToken ct)
    {
        if (_options.ConeFollowUpObjects == 0)
            return;
        var now = clock.UtcNow;
        var ids = table.Records
            .Select(r => r.TryGetValue("i:objectId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null)
            .OfType<string>().Distinct(StringComparer.Ordinal)
            .Where(id => _fetchedObjects.Get(id)?.IsFresh(now) != true)
            .Take(_options.ConeFollowUpObjects).ToList();
        if (ids.Count > 0 && (await FetchObjectsAsync(ids, ct)).Failure is { } failure)
            log.LogWarning("The cone's objects could not be fetched for local use: {Reason}", failure.Text);
    }
}
