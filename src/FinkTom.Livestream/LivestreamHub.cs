using FinkTom.Core.Model;
using FinkTom.Livestream.Filters;
using FinkTom.Livestream.Replay;
using Microsoft.Extensions.Logging;

namespace FinkTom.Livestream;

/// <summary>
/// Evaluates every active filter on newly stored alerts and hands the matches to the filters' SSE subscribers; the
/// <see cref="LivestreamWriter"/> also records them in the outbox a transport publishes from. Matches are journalled
/// (<see cref="MatchJournal"/>) before they are offered, so that a reconnecting SSE client can be sent what it missed.
/// </summary>
public sealed class LivestreamHub(FilterRegistry filters, AlertSubscriptions subscriptions, LivestreamStatus status,
    MatchJournal journal, ILogger<LivestreamHub> logger)
{
    // Journal and offer under one lock: live events then leave in sequence order, which resuming relies on.
    private readonly Lock _announcing = new();

    /// <summary>Brings the filters up to date with a store other instances share (see <see cref="FilterRegistry.SyncAsync"/>).</summary>
    public Task SyncFiltersAsync(CancellationToken cancellationToken) => filters.SyncAsync(cancellationToken);

    /// <summary>The filters each alert matches (alerts matching none are left out). No side effect.</summary>
    public List<(Alert Alert, LivestreamFilter[] Filters)> Match(IReadOnlyList<Alert> alerts)
    {
        var active = filters.Active;
        var matches = new List<(Alert, LivestreamFilter[])>();
        if (active.Count == 0)
            return matches;
        var matching = new List<LivestreamFilter>();
        foreach (var alert in alerts)
        {
            matching.Clear();
            foreach (var filter in active)
            {
                if (filter.Matches(alert))
                    matching.Add(filter);
            }
            if (matching.Count > 0)
                matches.Add((alert, [.. matching]));
        }
        return matches;
    }

    /// <summary>Counts, journals and offers newly stored matches to SSE subscribers.</summary>
    public void Announce(IEnumerable<(Alert Alert, LivestreamFilter[] Filters)> fresh, int evaluated)
    {
        var offers = fresh.SelectMany(m => m.Filters.Select(f => (Filter: f, m.Alert))).ToList();
        lock (_announcing)
        {
            var seqs = Journal(offers);
            for (var i = 0; i < offers.Count; i++)
            {
                status.Matched(offers[i].Filter.Topic);
                subscriptions.Offer(offers[i].Filter.Name, new SequencedAlert(seqs[i], offers[i].Alert));
            }
        }
        status.AddEvaluated(evaluated);
    }

    // A journal failure must not fail the store write that is already done: the alerts go out live without an id.
    private long[] Journal(List<(LivestreamFilter Filter, Alert Alert)> offers)
    {
        if (offers.Count == 0)
            return [];
        try
        {
            return journal.Append([.. offers.Select(o => (o.Filter.Name, o.Alert.Candid))]);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            logger.LogWarning(e, "Livestream journal: {Count} matches not recorded; SSE clients cannot resume across them", offers.Count);
            return new long[offers.Count];
        }
    }
}
