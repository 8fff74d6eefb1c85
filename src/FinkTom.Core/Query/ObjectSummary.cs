using FinkTom.Core.Model;

namespace FinkTom.Core.Query;

/// <summary>
/// One object (all alerts sharing an <c>i:objectId</c>) as the stores summarise it at ingestion: first and last
/// detection, number of stored alerts, mean position, the latest class and the latest magnitude in each ZTF band.
/// Served by <see cref="Store.IAlertReader.QueryObjectsAsync"/>; the OData <c>Objects</c> set is built on it.
/// </summary>
public sealed record ObjectSummary
{
    public required string ObjectId { get; init; }

    /// <summary>First detection: the earliest <c>i:jdstarthist</c> of its alerts (their <c>i:jd</c> when absent).</summary>
    public required double FirstJd { get; init; }

    /// <summary>Time of its latest stored alert (max <c>i:jd</c>).</summary>
    public required double LastJd { get; init; }

    /// <summary>Number of stored alerts.</summary>
    public required int Alerts { get; init; }

    /// <summary>Mean position of its alerts (normalised mean of unit vectors, so RA 0/360 needs no care), degrees.</summary>
    public required double Ra { get; init; }

    public required double Dec { get; init; }

    /// <summary><c>i:candid</c> of the latest alert (latest <c>i:jd</c>; on a tie, the larger candid).</summary>
    public required long LastCandid { get; init; }

    /// <summary><c>d:classification</c> of the latest alert.</summary>
    public string? Classification { get; init; }

    /// <summary><c>i:ndethist</c> of the latest alert: ZTF's count of detections, history included.</summary>
    public int? NDetHist { get; init; }

    /// <summary>Latest <c>i:magpsf</c> in g (fid 1), r (fid 2) and i (fid 3), with the <c>i:jd</c> it was measured at.</summary>
    public float? LastMagG { get; init; }
    public double? LastJdG { get; init; }
    public float? LastMagR { get; init; }
    public double? LastJdR { get; init; }
    public float? LastMagI { get; init; }
    public double? LastJdI { get; init; }
}

/// <summary>
/// The columns of <see cref="ObjectSummary"/> by the names an <see cref="ObjectQuery"/> filters and sorts on
/// (<c>lastjd</c>, <c>lastmag_g</c>, ...). Values have the same CLR types as alert values (double, float, int, long, string).
/// </summary>
public static class ObjectColumns
{
    public sealed record Column(string Name, ColumnType Type, bool Nullable, Func<ObjectSummary, object?> Read);

    public static readonly IReadOnlyList<Column> All =
    [
        new("objectId", ColumnType.String, false, o => o.ObjectId),
        new("firstjd", ColumnType.Double, false, o => o.FirstJd),
        new("lastjd", ColumnType.Double, false, o => o.LastJd),
        new("nalerts", ColumnType.Int, false, o => o.Alerts),
        new("ra", ColumnType.Double, false, o => o.Ra),
        new("dec", ColumnType.Double, false, o => o.Dec),
        new("lastcandid", ColumnType.Long, false, o => o.LastCandid),
        new("classification", ColumnType.String, true, o => o.Classification),
        new("ndethist", ColumnType.Int, true, o => o.NDetHist),
        new("lastmag_g", ColumnType.Float, true, o => o.LastMagG),
        new("lastjd_g", ColumnType.Double, true, o => o.LastJdG),
        new("lastmag_r", ColumnType.Float, true, o => o.LastMagR),
        new("lastjd_r", ColumnType.Double, true, o => o.LastJdR),
        new("lastmag_i", ColumnType.Float, true, o => o.LastMagI),
        new("lastjd_i", ColumnType.Double, true, o => o.LastJdI),
    ];

    private static readonly Dictionary<string, Column> ByName = All.ToDictionary(c => c.Name, StringComparer.Ordinal);

    public static bool TryGet(string name, out Column column) => ByName.TryGetValue(name, out column!);

    public static Column Get(string name) =>
        ByName.TryGetValue(name, out var c) ? c : throw new KeyNotFoundException($"Unknown object column '{name}'.");

    /// <summary>Runs a predicate over object columns in memory (reference answers, small result sets).</summary>
    public static Func<ObjectSummary, bool> Compile(Predicate predicate) =>
        PredicateEvaluator.Compile<ObjectSummary>(predicate, name => Get(name).Read);
}
