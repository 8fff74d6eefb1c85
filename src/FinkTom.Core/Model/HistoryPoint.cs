namespace FinkTom.Core.Model;

/// <summary>
/// A point of an object's light curve from an alert's <c>prv_candidates</c>: a detection (with
/// <see cref="Candid"/> and <see cref="MagPsf"/>) or an upper limit (both null; only <see cref="DiffMagLim"/>).
/// Stored once per (object, jd, fid) however many alerts repeat it.
/// </summary>
public sealed record HistoryPoint
{
    public required string ObjectId { get; init; }
    public required double Jd { get; init; }
    public required int Fid { get; init; }
    public long? Candid { get; init; }
    public float? MagPsf { get; init; }
    public float? SigmaPsf { get; init; }
    public float? DiffMagLim { get; init; }
    public float? MagNr { get; init; }
    public float? SigmaGnr { get; init; }
    public float? DistNr { get; init; }
    public string? IsDiffPos { get; init; }
    public float? Rb { get; init; }
    public float? Drb { get; init; }
    public int? NBad { get; init; }
    public double? Ra { get; init; }
    public double? Dec { get; init; }

    public bool IsDetection => MagPsf is not null && !float.IsNaN(MagPsf.Value);

    /// <summary>Fink's "bad quality" rule for history detections: NOT (rb ≥ 0.55 and nbad == 0) (contract §2.1).</summary>
    public bool IsGoodQuality => Rb is >= 0.55f && NBad == 0;
}
