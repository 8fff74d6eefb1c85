using FinkTom.Core.Query;
using FinkTom.Core.Store;

namespace FinkTom.Server.Tables;

public static class AlertRows
{
    /// <summary>Runs the query and wraps each alert as an answer row.</summary>
    public static async Task<List<AlertRow>> ReadRowsAsync(this IAlertReader store, AlertQuery query, CancellationToken ct)
    {
        var rows = new List<AlertRow>();
        await foreach (var alert in store.QueryAsync(query, ct))
            rows.Add(new AlertRow(alert));
        return rows;
    }
}
