using FinkTom.Core.Model;
using FinkTom.Core.Query;

namespace FinkTom.Server.Tables;

/// <summary>
/// The extra rows of <c>withupperlim</c> (contract §2.1): non-detections tagged <c>upperlim</c>, poor detections
/// tagged <c>badquality</c> (NOT rb ≥ 0.55 and nbad = 0), each with <c>i:candid = -1</c> as Fink writes them.
/// FinkTom also returns good history detections whose own alert it never received, tagged <c>valid</c> with their
/// candid, so a light curve is complete even when ingestion started mid-way through an object's life.
/// </summary>
public static class HistoryRows
{
    public static IEnumerable<AlertRow> For(IReadOnlyList<HistoryPoint> history, IReadOnlyList<AlertRow> alertRows)
    {
        var alertJds = alertRows.Select(r => (r.Alert.ObjectId, r.Alert.Jd)).ToHashSet();
        var alertCandids = alertRows.Select(r => r.Alert.Candid).ToHashSet();
        foreach (var point in history)
        {
            if (alertJds.Contains((point.ObjectId, point.Jd)) || point.Candid is { } c && alertCandids.Contains(c))
                continue;
            if (!point.IsDetection)
                yield return Row(point, "upperlim", candid: -1, detection: false);
            else if (!point.IsGoodQuality)
                yield return Row(point, "badquality", candid: -1, detection: true);
            else
                yield return Row(point, "valid", candid: point.Candid ?? -1, detection: true);
        }
    }

    private static AlertRow Row(HistoryPoint point, string tag, long candid, bool detection)
    {
        var alert = new Alert();
        alert["i:objectId"] = point.ObjectId;
        alert["i:candid"] = candid;
        alert["i:jd"] = point.Jd;
        alert["i:fid"] = point.Fid;
        alert["i:diffmaglim"] = point.DiffMagLim;
        if (detection)
        {
            alert["i:magpsf"] = point.MagPsf;
            alert["i:sigmapsf"] = point.SigmaPsf;
            alert["i:magnr"] = point.MagNr;
            alert["i:sigmagnr"] = point.SigmaGnr;
            alert["i:isdiffpos"] = point.IsDiffPos;
            alert["i:distnr"] = point.DistNr;
            if (tag == "valid")
            {
                alert["i:ra"] = point.Ra;
                alert["i:dec"] = point.Dec;
                alert["i:rb"] = point.Rb;
                alert["i:drb"] = point.Drb;
                alert["i:nbad"] = point.NBad;
            }
        }
        return new AlertRow(alert) { Tag = tag, FromHistory = true };
    }
}
