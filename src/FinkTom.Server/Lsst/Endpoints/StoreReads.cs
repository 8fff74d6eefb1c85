using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;

namespace FinkTom.Server.Lsst.Endpoints;

internal static class StoreReads
{
    public static async Task<List<Alert>> ReadAsync(this IAlertReader store, AlertQuery query, CancellationToken ct)
    {
        var alerts = new List<Alert>();
        await foreach (var alert in store.QueryAsync(query, ct))
            alerts.Add(alert);
        return alerts;
    }
}

internal static class LsstQueries
{
    /// <summary>Alerts of a static object (Solar System alerts have no diaObjectId).</summary>
    public static readonly Predicate HasObject = new ComparePredicate("r:diaObjectId", CompareOp.Ne, null);
}
