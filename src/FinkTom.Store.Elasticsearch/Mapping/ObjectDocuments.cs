using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Sky;

namespace FinkTom.Store.Elasticsearch.Mapping;

/// <summary>
/// An object summary as a document of the <c>objects</c> index, keyed by its object id: every
/// <see cref="ObjectColumns"/> column under its own name (<c>lastjd</c>, <c>lastmag_g</c>), plus the mean position as a
/// <c>geo_point</c>. <see cref="Summarise"/> computes a summary from all the stored alerts of one object, with the
/// embedded store's rules, so the result does not depend on the order the alerts arrived in.
/// </summary>
public static class ObjectDocuments
{
    /// <summary>The alert columns a summary is computed from (the <c>_source</c> of the recomputing search).</summary>
    public static readonly IReadOnlyList<ColumnDef> AlertColumns =
    [
        ColumnCatalog.ObjectId, ColumnCatalog.Candid, ColumnCatalog.Jd, ColumnCatalog.JdStartHist, ColumnCatalog.Ra, ColumnCatalog.Dec,
        ColumnCatalog.Classification, ColumnCatalog.Get("i:ndethist"), ColumnCatalog.Fid, ColumnCatalog.MagPsf,
    ];

    public static void Write(Utf8JsonWriter json, ObjectSummary summary)
    {
        json.WriteStartObject();
        foreach (var column in ObjectColumns.All)
        {
            json.WritePropertyName(column.Name);
            AlertDocuments.WriteValue(json, column.Read(summary));
        }
        json.WriteStartObject(IndexTemplates.PositionField);
        json.WriteNumber("lat", summary.Dec);
        json.WriteNumber("lon", AlertDocuments.Longitude(summary.Ra));
        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static ObjectSummary Read(JsonElement s) => new()
    {
        ObjectId = s.GetProperty("objectId").GetString()!,
        FirstJd = s.GetProperty("firstjd").GetDouble(),
        LastJd = s.GetProperty("lastjd").GetDouble(),
        Alerts = s.GetProperty("nalerts").GetInt32(),
        Ra = s.GetProperty("ra").GetDouble(),
        Dec = s.GetProperty("dec").GetDouble(),
        LastCandid = s.GetProperty("lastcandid").GetInt64(),
        Classification = Get(s, "classification") as string,
        NDetHist = Get(s, "ndethist") as int?,
        LastMagG = Get(s, "lastmag_g") as float?,
        LastJdG = Get(s, "lastjd_g") as double?,
        LastMagR = Get(s, "lastmag_r") as float?,
        LastJdR = Get(s, "lastjd_r") as double?,
        LastMagI = Get(s, "lastmag_i") as float?,
        LastJdI = Get(s, "lastjd_i") as double?,
    };

    private static object? Get(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) ? AlertDocuments.ReadValue(value, ObjectColumns.Get(name).Type) : null;

    /// <summary>
    /// The summary of one object from all its stored alerts (as <see cref="ObjectSummary"/> defines each value): the
    /// latest alert is the largest jd, then the larger candid; a band's latest magnitude is that of its latest alert
    /// with a magnitude in that band (on a jd tie, the larger candid).
    /// </summary>
    public static ObjectSummary Summarise(IReadOnlyCollection<Alert> alerts)
    {
        if (alerts.Count == 0)
            throw new ArgumentException("An object summary needs at least one alert.", nameof(alerts));
        var latest = alerts.MaxBy(a => (a.Jd, a.Candid))!;
        double x = 0, y = 0, z = 0;
        foreach (var alert in alerts)
        {
            var v = UnitVector.FromRaDec(alert.Ra, alert.Dec);
            (x, y, z) = (x + v.X, y + v.Y, z + v.Z);
        }
        Alert? LatestIn(int fid) => alerts.Where(a => a.GetDouble(ColumnCatalog.Fid) == fid && a.GetDouble(ColumnCatalog.MagPsf) is not null)
            .MaxBy(a => (a.Jd, a.Candid));
        var (g, r, i) = (LatestIn(1), LatestIn(2), LatestIn(3));
        return new ObjectSummary
        {
            ObjectId = latest.ObjectId,
            FirstJd = alerts.Min(a => a.GetDouble(ColumnCatalog.JdStartHist) is { } start ? Math.Min(start, a.Jd) : a.Jd),
            LastJd = latest.Jd,
            Alerts = alerts.Count,
            Ra = (Math.Atan2(y, x) * 180 / Math.PI + 360) % 360,
            Dec = Math.Atan2(z, Math.Sqrt(x * x + y * y)) * 180 / Math.PI,
            LastCandid = latest.Candid,
            Classification = latest.GetString(ColumnCatalog.Classification),
            NDetHist = latest[ColumnCatalog.Get("i:ndethist")] as int?,
            LastMagG = g?[ColumnCatalog.MagPsf] as float?, LastJdG = g?.Jd,
            LastMagR = r?[ColumnCatalog.MagPsf] as float?, LastJdR = r?.Jd,
            LastMagI = i?[ColumnCatalog.MagPsf] as float?, LastJdI = i?.Jd,
        };
    }
}
