using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Core.Science;
using FinkTom.Core.Validation;

namespace FinkTom.Server.Proxy;

/// <summary>
/// Turns the rows of an upstream answer into what the store keeps: each full alert row (every <c>i:</c> column of
/// the catalogue present, as in <c>/objects</c>, <c>/latests</c>, <c>/sso</c> answers with all columns) becomes an
/// <see cref="Alert"/>; <c>withupperlim</c> rows tagged <c>upperlim</c> or <c>badquality</c> become history points of
/// their object, and so do the partial detections FinkTom-like upstreams tag <c>valid</c>. Rows of truncated answers (chosen <c>columns</c>, cone-search index rows) are not stored: a partial
/// alert would later block the full one, since the store keeps the first copy of a candid.
/// </summary>
public static class FinkRecordAlerts
{
    private static readonly ColumnDef[] ZtfColumns = ColumnCatalog.ZtfColumns.ToArray();

    /// <param name="Rejections">Why full alert rows were refused by <see cref="AlertValidation"/> (counted in Skipped).</param>
    public sealed record Conversion(List<Alert> Alerts, int HistoryPoints, int Skipped, IReadOnlyList<string> Rejections);

    public static Conversion Convert(IReadOnlyList<Dictionary<string, JsonElement>> records)
    {
        var alerts = new List<Alert>();
        var history = new List<HistoryPoint>();
        var skipped = 0;
        var rejections = new List<string>();
        foreach (var record in records)
        {
            var tag = record.TryGetValue("d:tag", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : "valid";
            try
            {
                if (IsFullAlert(record))
                {
                    // Upstream is trusted no more than a file: the same gate decides what the store keeps.
                    var alert = ToAlert(record);
                    if (AlertValidation.Check(alert) is { Rejection: { } reason })
                    {
                        rejections.Add(reason);
                        skipped++;
                    }
                    else
                        alerts.Add(alert);
                }
                else if (tag is "upperlim" or "badquality" || record.ContainsKey("d:tag"))
                    history.Add(ToHistoryPoint(record)); // light-curve rows of withupperlim (FinkTom also tags partial detections valid)
                else
                    skipped++;
            }
            catch (FormatException)
            {
                skipped++; // checked already when the answer was parsed; a row that still fails is not stored
            }
        }
        // The store keeps history with an alert: attach each object's points to its newest alert.
        var newest = alerts.GroupBy(a => a.ObjectId).ToDictionary(g => g.Key, g => g.MaxBy(a => a.Jd)!, StringComparer.Ordinal);
        var attached = 0;
        foreach (var point in history)
            if (newest.TryGetValue(point.ObjectId, out var alert) && AlertValidation.HistoryProblem(point, alert.ObjectId) is null)
            {
                alert.History.Add(point);
                attached++;
            }
        return new Conversion(alerts, attached, skipped + history.Count - attached, rejections);
    }

    /// <summary>Every <c>i:</c> column present, and the values every ZTF alert has (history rows lack <c>i:pid</c>).</summary>
    public static bool IsFullAlert(IReadOnlyDictionary<string, JsonElement> record) =>
        ZtfColumns.All(c => record.ContainsKey(c.Name))
        && RequiredValues.All(name => record[name].ValueKind != JsonValueKind.Null)
        && !(record.TryGetValue("d:tag", out var tag) && tag.ValueKind == JsonValueKind.String && tag.GetString() != "valid");

    private static readonly string[] RequiredValues = ["i:candid", "i:objectId", "i:jd", "i:ra", "i:dec", "i:fid", "i:magpsf", "i:pid"];

    /// <summary>An alert from a full record; <c>d:classification</c> is computed by Fink's rule when upstream did not send it.</summary>
    public static Alert ToAlert(IReadOnlyDictionary<string, JsonElement> record)
    {
        var alert = new Alert();
        foreach (var column in ColumnCatalog.Stored)
            if (record.TryGetValue(column.Name, out var cell))
                alert[column] = FinkJsonCells.Read(cell, column.Type, column.Name);
        if (alert.Candid <= 0)
            throw new FormatException("an alert row needs a positive i:candid");
        alert[ColumnCatalog.Classification] ??= FinkClassifier.Classify(alert);
        return alert;
    }

    private static HistoryPoint ToHistoryPoint(IReadOnlyDictionary<string, JsonElement> record)
    {
        T? Get<T>(string name, ColumnType type) =>
            record.TryGetValue(name, out var cell) ? (T?)FinkJsonCells.Read(cell, type, name) : default;
        return new HistoryPoint
        {
            ObjectId = Get<string>("i:objectId", ColumnType.String) ?? throw new FormatException("an upper-limit row needs i:objectId"),
            Jd = Get<double?>("i:jd", ColumnType.Double) ?? throw new FormatException("an upper-limit row needs i:jd"),
            Fid = Get<int?>("i:fid", ColumnType.Int) ?? throw new FormatException("an upper-limit row needs i:fid"),
            MagPsf = Get<float?>("i:magpsf", ColumnType.Float),
            SigmaPsf = Get<float?>("i:sigmapsf", ColumnType.Float),
            DiffMagLim = Get<float?>("i:diffmaglim", ColumnType.Float),
            MagNr = Get<float?>("i:magnr", ColumnType.Float),
            SigmaGnr = Get<float?>("i:sigmagnr", ColumnType.Float),
            DistNr = Get<float?>("i:distnr", ColumnType.Float),
            IsDiffPos = Get<string>("i:isdiffpos", ColumnType.String),
            Candid = Get<long?>("i:candid", ColumnType.Long) is > 0 and var candid ? candid : null,
            Ra = Get<double?>("i:ra", ColumnType.Double),
            Dec = Get<double?>("i:dec", ColumnType.Double),
            Rb = Get<float?>("i:rb", ColumnType.Float),
            Drb = Get<float?>("i:drb", ColumnType.Float),
            NBad = Get<int?>("i:nbad", ColumnType.Int),
        };
    }
}
