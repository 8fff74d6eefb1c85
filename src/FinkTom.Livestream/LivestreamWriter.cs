using FinkTom.Core.Model;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Livestream.Filters;
using FinkTom.Livestream.Publication;

namespace FinkTom.Livestream;

/// <summary>
/// The one seam where livestreams are fed: wraps the store's write side, and after each write hands the alerts the
/// store took for the first time (<see cref="StoreWriteResult.StoredCandids"/>; duplicates are never republished)
/// to the <see cref="LivestreamHub"/>. File, Kafka, sample and proxy ingestion all write through it; reads never do.
/// <para>With a transport (Kafka output: <paramref name="publication"/>), the publications an alert would owe are recorded
/// in the <see cref="LivestreamOutbox"/> <em>before</em> the store write, and the rows of alerts the store reports as
/// duplicates are dropped after it: a crash at any point leaves either no stored alert or a row that the next start
/// publishes. A write that throws leaves its rows; the publisher asks the store whether each alert got in (publish) or
/// not (drop).</para>
/// </summary>
public sealed class LivestreamWriter(IAlertWriter inner, LivestreamHub hub, PublicationHandoff? publication = null) : IAlertWriter
{
    /// <summary>The store's own write side, which this decorates.</summary>
    public IAlertWriter Inner => inner;

    public async Task<StoreWriteResult> WriteAsync(IReadOnlyList<Alert> alerts, CancellationToken cancellationToken = default)
    {
        await hub.SyncFiltersAsync(cancellationToken); // a filter another instance created applies to this batch
        if (publication is null)
        {
            var result = await inner.WriteAsync(alerts, cancellationToken);
            if (result.Stored > 0)
            {
                var fresh = Fresh(alerts, result);
                hub.Announce(hub.Match(fresh), fresh.Count);
            }
            return result;
        }
        var outbox = publication.Outbox;
        await outbox.WriteGate.WaitAsync(cancellationToken);
        try
        {
            var matches = hub.Match(alerts);
            var created = outbox.Add(matches.Select(m => (m.Alert.Candid, (IReadOnlyList<string>)[.. m.Filters.Select(f => f.Topic)])));
            StoreWriteResult written;
            try
            {
                written = await inner.WriteAsync(alerts, cancellationToken);
            }
            catch
            {
                publication.Settle(outbox.LastSeq, []); // stored or not is unknown: the publisher asks the store
                throw;
            }
            var fresh = Fresh(alerts, written);
            var owed = fresh.Select(Key).ToHashSet();
            outbox.Remove([.. created.Where(e => !owed.Contains((LivestreamFilter.SurveyOfTopic(e.Topic), e.Candid))).Select(e => e.Seq)]); // duplicates owe nothing
            var freshMatches = matches.Where(m => owed.Remove(Key(m.Alert))).ToList(); // Remove: a repeat in the batch goes out once
            hub.Announce(freshMatches, fresh.Count);
            publication.Settle(outbox.LastSeq, freshMatches.Select(m => m.Alert));
            return written;
        }
        finally
        {
            outbox.WriteGate.Release();
        }
    }

    // A ZTF candid and a Rubin diaSourceId are ids of two different series: an alert is known by both.
    private static (Survey?, long) Key(Alert alert) => (alert.Survey, alert.Candid);

    private static IReadOnlyList<Alert> Fresh(IReadOnlyList<Alert> alerts, StoreWriteResult result)
    {
        if (result.Stored == 0)
            return [];
        if (result.StoredCandids is { } candids)
        {
            var set = candids.ToHashSet();
            return alerts.Where(a => set.Remove(a.Candid)).ToList(); // Remove: an alert repeated in a batch goes out once
        }
        return result.Duplicates == 0 ? alerts : []; // a backend that does not say which: publish only when unambiguous
    }
}
