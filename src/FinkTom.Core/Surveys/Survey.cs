using FinkTom.Core.Model;

namespace FinkTom.Core.Surveys;

/// <summary>
/// A survey as data: what its alerts hold and which of their columns play the parts every survey has (the alert's
/// id, its object's id, its time and position, its band). The shared machinery — alert model, validation, stores,
/// queries, formats — reads these instead of naming one survey's columns. Adding a survey means a new descriptor, a
/// decoder for its packets and its endpoints.
/// </summary>
public sealed class Survey
{
    /// <summary>ZTF, as Fink serves it (<c>i:</c>, <c>d:</c> columns; JD in UTC).</summary>
    public static Survey Ztf { get; } = ZtfSurvey.Create();

    /// <summary>Rubin/LSST, as Fink serves it (<c>r:</c>, <c>f:</c> columns; MJD in TAI; 64-bit object ids).</summary>
    public static Survey Lsst { get; } = LsstSurvey.Create();

    /// <summary>Every survey FinkTom knows.</summary>
    public static IReadOnlyList<Survey> All { get; } = [Ztf, Lsst];

    /// <summary>The survey of that <see cref="Name"/> (case-insensitive), or null.</summary>
    public static Survey? Named(string? name) => All.FirstOrDefault(s => string.Equals(s.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Short lower-case name: <c>ztf</c>, <c>lsst</c>.</summary>
    public required string Name { get; init; }

    public required string Title { get; init; }

    public required AlertCatalog Catalog { get; init; }

    /// <summary>One alert's id, a positive 64-bit integer (<c>i:candid</c>, <c>r:diaSourceId</c>).</summary>
    public required ColumnDef AlertId { get; init; }

    /// <summary>The object's id: text for ZTF (<c>i:objectId</c>), a 64-bit integer for Rubin (<c>r:diaObjectId</c>).</summary>
    public required ColumnDef ObjectId { get; init; }

    /// <summary>Whether an alert may have no object (Rubin's Solar System alerts carry no diaObject): its object id is
    /// then null.</summary>
    public bool ObjectIdOptional { get; init; }

    /// <summary>When the alert was observed (<c>i:jd</c>, <c>r:midpointMjdTai</c>), on <see cref="TimeAxis"/>.</summary>
    public required ColumnDef Time { get; init; }

    public required TimeAxis TimeAxis { get; init; }

    /// <summary>Position in degrees (ICRS).</summary>
    public required ColumnDef Ra { get; init; }

    public required ColumnDef Dec { get; init; }

    /// <summary>The band column (ZTF's numeric <c>i:fid</c>, Rubin's <c>r:band</c> letters), if the survey has one.</summary>
    public ColumnDef? Band { get; init; }

    /// <summary>Names of numeric band codes (ZTF: 1 → g); empty when the band column holds the names itself.</summary>
    public IReadOnlyDictionary<long, string> BandNames { get; init; } = new Dictionary<long, string>();

    /// <summary>Columns behind the survey-specific criteria of <see cref="Query.AlertQuery"/> (first detection, class,
    /// TNS type, Solar System name); a survey without one refuses queries that use it.</summary>
    public SurveyQueryColumns QueryColumns { get; init; } = new();

    /// <summary>Secondary indexes a store keeps besides (object id, time) and time: each a short name and its columns.</summary>
    public IReadOnlyList<StoreIndex> Indexes { get; init; } = [];

    /// <summary>The kinds of past measurements a packet carries with the alert.</summary>
    public required IReadOnlyList<HistoryKind> History { get; init; }

    public required CutoutFormat Cutouts { get; init; }

    /// <summary>Prefix of the survey's tables and indices in a store shared with other surveys.</summary>
    public required string StorageName { get; init; }

    /// <summary>The keys every store fills whatever columns a query asks for.</summary>
    public IEnumerable<ColumnDef> Keys => [AlertId, ObjectId, Time];

    /// <summary>Whether a value is a time an alert of this survey can have.</summary>
    public bool IsAlertTime(double time) => time >= TimeAxis.Min && time <= TimeAxis.Max;

    public override string ToString() => Name;
}

/// <summary>How a survey counts time: unit, scale, and the range a real alert time falls in.</summary>
/// <param name="Unit"><c>jd</c> (Julian date) or <c>mjd</c> (modified Julian date, JD − 2,400,000.5).</param>
/// <param name="Scale"><c>utc</c> or <c>tai</c> (TAI − UTC = 37 s since 2017).</param>
public sealed record TimeAxis(string Unit, string Scale, double Min, double Max)
{
    /// <summary>JD in UTC, 1858-11-17 (MJD 0) to about 2406.</summary>
    public static TimeAxis JulianDateUtc { get; } = new("jd", "utc", 2_400_000.5, 2_600_000.5);

    /// <summary>A time on this axis as a Julian date in UTC (ZTF's axis; what <c>JulianDate</c> turns into dates).</summary>
    public double ToJulianDateUtc(double time) =>
        (Unit == "mjd" ? time + Time.JulianDate.MjdOffset : time) - (Scale == "tai" ? Time.JulianDate.TaiMinusUtcDays : 0);

    /// <summary>MJD in TAI over the same span.</summary>
    public static TimeAxis ModifiedJulianDateTai { get; } = new("mjd", "tai", 0, 200_000);
}

/// <summary>Columns that answer the survey-specific criteria of an alert query.</summary>
public sealed record SurveyQueryColumns
{
    /// <summary>The time of the object's first detection (ZTF: <c>i:jdstarthist</c>).</summary>
    public ColumnDef? FirstDetection { get; init; }

    /// <summary>The class an alert was given at ingestion (ZTF: <c>d:classification</c>).</summary>
    public ColumnDef? Classification { get; init; }

    /// <summary>The TNS type of a cross-match (ZTF: <c>d:tns</c>).</summary>
    public ColumnDef? TnsType { get; init; }

    /// <summary>The Solar System object the alert was matched to (ZTF: <c>i:ssnamenr</c>).</summary>
    public ColumnDef? SsoName { get; init; }
}

/// <summary>A secondary index of a survey's alerts: a short name (unique per survey) and its columns, in order.</summary>
public sealed record StoreIndex(string Name, IReadOnlyList<ColumnDef> Columns)
{
    /// <summary>A boolean column the index is limited to (rows where it is true), so that a rare flag such as one of
    /// Rubin's tags costs an index entry only when set; null indexes every row.</summary>
    public ColumnDef? OnlyWhereTrue { get; init; }
}

/// <summary>A kind of past measurement an alert packet carries (ZTF: <c>prv_candidates</c>; Rubin: <c>prvDiaSources</c>,
/// <c>prvDiaForcedSources</c>).</summary>
/// <remarks>A kind with a <see cref="Catalog"/> is data all the way: decoders fill <see cref="Model.Measurement"/>s of
/// it and, when <see cref="Stored"/>, every store keeps them in a table of their own, once per <see cref="Key"/>.
/// ZTF's <c>prv_candidates</c> predate this and still travel as <see cref="Model.HistoryPoint"/>s.</remarks>
public sealed record HistoryKind(string Name, string Description)
{
    /// <summary>The columns of one measurement, named as the survey's API serves them.</summary>
    public AlertCatalog? Catalog { get; init; }

    /// <summary>The measurement's own id (Rubin: <c>r:diaForcedSourceId</c>), its object and its time.</summary>
    public ColumnDef? Key { get; init; }

    public ColumnDef? ObjectId { get; init; }

    public ColumnDef? Time { get; init; }

    /// <summary>Whether stores keep these measurements (Rubin's forced photometry) or only decoders and filters see them
    /// (Rubin's previous diaSources, which are alerts of their own).</summary>
    public bool Stored { get; init; }
}

/// <summary>How a survey's stamps are encoded, kept byte for byte.</summary>
public enum CutoutFormat
{
    /// <summary>ZTF: gzip-compressed single-HDU FITS, 63×63.</summary>
    GzippedFits,

    /// <summary>Rubin: raw multi-HDU FITS (image, uncertainty, PSF), at least 30×30.</summary>
    Fits,
}
