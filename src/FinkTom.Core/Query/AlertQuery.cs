namespace FinkTom.Core.Query;

/// <summary>
/// What to fetch from an alert store, independent of the backend. Every criterion is optional and
/// they combine with AND. Each REST search, OData request and livestream test maps onto one of these.
/// </summary>
public sealed record AlertQuery
{
    /// <summary>Alerts of these objects only.</summary>
    public IReadOnlyList<string>? ObjectIds { get; init; }

    /// <summary>One alert by its id.</summary>
    public long? Candid { get; init; }

    /// <summary>Alerts whose position lies inside this cone (exact great-circle cut).</summary>
    public Cone? Cone { get; init; }

    /// <summary>Observation time window on <c>i:jd</c>.</summary>
    public JdRange? Jd { get; init; }

    /// <summary>Window on <c>i:jdstarthist</c>, the object's first detection (what Fink's cone-search dates filter on).</summary>
    public JdRange? FirstDetection { get; init; }

    /// <summary>Fink class computed at ingestion (<c>d:classification</c>), e.g. <c>SN candidate</c> or a SIMBAD label.</summary>
    public string? Classification { get; init; }

    /// <summary>TNS type (<c>d:tns</c>), for <c>(TNS) X</c> classes.</summary>
    public string? TnsType { get; init; }

    /// <summary>Solar System object names as ZTF spells them in <c>i:ssnamenr</c>.</summary>
    public IReadOnlyList<string>? SsoNames { get; init; }

    /// <summary>Any further condition on columns.</summary>
    public Predicate? Where { get; init; }

    /// <summary>Keep only each object's latest matching alert (max <c>i:jd</c>).</summary>
    public bool LatestPerObject { get; init; }

    /// <summary>With <see cref="LatestPerObject"/>: a condition on each object's latest alert, tested after that alert is
    /// chosen (<see cref="Where"/> chooses among the alerts before), so "objects whose latest alert is bright" leaves out
    /// an object whose older alerts were bright.</summary>
    public Predicate? WhereLatest { get; init; }

    /// <summary>Columns to read (catalogue names); null reads all. Stores always fill candid, objectId and jd.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Sort keys, applied in order; <see cref="SortKey.Separation"/> needs a <see cref="Cone"/>.</summary>
    public IReadOnlyList<SortKey> OrderBy { get; init; } = [];

    public int? Limit { get; init; }

    public int Offset { get; init; }

    /// <summary>Also return the cutouts with each alert.</summary>
    public bool WithCutouts { get; init; }
}

/// <summary>Inclusive range of Julian dates; either end may be open.</summary>
public sealed record JdRange(double? Start, double? Stop)
{
    public bool Contains(double jd) => (Start is null || jd >= Start) && (Stop is null || jd <= Stop);
}

/// <summary>A sort key on a catalogue column, or on the angular distance to the query cone's centre.</summary>
public sealed record SortKey(string Column, bool Descending = false)
{
    /// <summary>Pseudo-column: distance to the centre of <see cref="AlertQuery.Cone"/>.</summary>
    public const string SeparationColumn = "v:separation_degree";

    public static SortKey Separation { get; } = new(SeparationColumn);

    public static SortKey JdDescending { get; } = new("i:jd", Descending: true);

    /// <summary>Newest first, on the survey's own time column (ZTF: <see cref="JdDescending"/>).</summary>
    public static SortKey NewestFirst(Surveys.Survey survey) => new(survey.Time.Name, Descending: true);

    /// <summary>
    /// Every store breaks ties on the row key (candid, or objectId for objects) <em>in the direction of the last sort
    /// key</em>, so that the order is total (paging never repeats or skips a row) and an index on (x, jd), whose
    /// entries end with the key, delivers "jd desc" rows already in order.
    /// </summary>
    public static bool TieBreakDescending(IReadOnlyList<SortKey> orderBy) => orderBy.Count > 0 && orderBy[^1].Descending;
}
