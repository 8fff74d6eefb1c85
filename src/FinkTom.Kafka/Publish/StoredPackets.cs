using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;

namespace FinkTom.Kafka.Publish;

/// <summary>
/// An alert read back from its survey's store as its packet would carry it, for publications the outbox owes after a
/// restart (or beyond the publisher's memory): the stored row with its stamps and the history before it — ZTF's 30 days
/// of <c>prv_candidates</c>; Rubin's earlier diaSources of the object (each stored as an alert of its own; Rubin sends
/// up to a year) and its forced photometry up to the alert.
/// </summary>
public sealed class StoredPackets(SurveyReaders stores)
{
    private const double ZtfHistoryDays = 30;
    private const double RubinHistoryDays = 365;

    public async Task<Alert?> ReadAsync(Survey survey, long id, CancellationToken cancellationToken)
    {
        var store = stores.For(survey);
        await foreach (var alert in store.QueryAsync(new AlertQuery { Candid = id, WithCutouts = true }, cancellationToken))
        {
            if (survey == Survey.Lsst)
                await AddRubinHistoryAsync(store, alert, cancellationToken);
            else
                await AddZtfHistoryAsync(store, alert, cancellationToken);
            return alert;
        }
        return null;
    }

    private static async Task AddZtfHistoryAsync(IAlertReader store, Alert alert, CancellationToken cancellationToken)
    {
        var history = await store.GetHistoryAsync([alert.ObjectId], cancellationToken);
        alert.History.AddRange(history.Where(p => p.Jd < alert.Jd && p.Jd >= alert.Jd - ZtfHistoryDays).OrderBy(p => p.Jd));
    }

    private static async Task AddRubinHistoryAsync(IAlertReader store, Alert alert, CancellationToken cancellationToken)
    {
        if (alert.Values[alert.Survey.ObjectId.Ordinal] is null)
            return; // a Solar System alert: no diaObject, no history
        var time = alert.Time;
        var previous = alert.Survey.History.Single(k => k.Name == "prvDiaSources");
        var query = new AlertQuery { ObjectIds = [alert.ObjectId], Jd = new JdRange(time - RubinHistoryDays, time) };
        await foreach (var earlier in store.QueryAsync(query, cancellationToken))
        {
            if (earlier.Time >= time)
                continue;
            var source = new Measurement(previous);
            foreach (var column in previous.Catalog!.Stored)
                source.Values[column.Ordinal] = earlier[column.Name];
            alert.Measurements.Add(source);
        }
        var forced = alert.Survey.History.Single(k => k.Name == "prvDiaForcedSources");
        foreach (var measurement in await store.GetMeasurementsAsync(forced, [alert.ObjectId], cancellationToken))
            if (measurement.Time <= time)
                alert.Measurements.Add(measurement);
    }
}
