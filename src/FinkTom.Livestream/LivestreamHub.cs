using FinkTom.Core.Model;
using FinkTom.Livestream.Filters;

namespace FinkTom.Livestream;

/// <summary>
/// Evaluates every active filter on newly stored alerts and hands the matches to the filters' SSE subscribers; the
/// <see cref="LivestreamWriter"/> also records them in the outbox a transport publishes from.
/// </summary>
public sealed class LivestreamHub(FilterRegistry filters, AlertSubscriptions subscriptions, LivestreamStatus status)
{
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

    /// <summary>Counts and offers newly stored matches to SSE subscribers (live only: nothing is replayed).</summary>
    public void Announce(IEnumerable<(Alert Alert, LivestreamFilter[] Filters)> fresh, int evaluated)
    {
        foreach (var (alert, matched) in fresh)
        {
            foreach (var filter in matched)
            {
                status.Matched(filter.Topic);
                subscriptions.Offer(filter.Name, alert);
            }
        }
        status.AddEvaluated(evaluated);
    }
}
