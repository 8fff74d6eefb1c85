using FinkTom.Core.Model;

namespace FinkTom.Ingest.Decoding.Direct;

/// <summary>A history point read from a <c>prv_candidates</c> item before the alert's objectId is known.</summary>
internal readonly record struct PendingPoint(
    double Jd, int Fid, long? Candid, float? MagPsf, float? SigmaPsf, float? DiffMagLim, float? MagNr, float? SigmaGnr,
    float? DistNr, string? IsDiffPos, float? Rb, float? Drb, int? NBad, double? Ra, double? Dec)
{
    public HistoryPoint ToPoint(string objectId) => new()
    {
        ObjectId = objectId, Jd = Jd, Fid = Fid, Candid = Candid, MagPsf = MagPsf, SigmaPsf = SigmaPsf,
        DiffMagLim = DiffMagLim, MagNr = MagNr, SigmaGnr = SigmaGnr, DistNr = DistNr, IsDiffPos = IsDiffPos, Rb = Rb,
        Drb = Drb, NBad = NBad, Ra = Ra, Dec = Dec,
    };
}

/// <summary>
/// What the direct decoder collects while it reads one record, in the data's field order, so that the alert can be
/// put together afterwards in the generic decoder's order (candidate, then root columns, then flattened and
/// light-curve columns: the root <c>candid</c> wins over the candidate's, as there). Reused record after record by one thread.
/// </summary>
internal sealed class DirectDecodeState
{
    public Alert Alert = new();
    public readonly List<(int Ordinal, object Value)> Root = [];
    public readonly List<(int Ordinal, object? Value)> Flattened = [];
    public readonly List<(int Ordinal, string? Value)> LightCurves = [];
    public readonly List<PendingPoint> Points = [];
    public readonly AvroScalar[] Item = new AvroScalar[DirectHistory.FieldCount];
    public bool HasPrvCandidates;
    public readonly List<AvroScalar>?[] Compact = new List<AvroScalar>?[DirectHistory.CompactFieldCount];
    public readonly byte[]?[] Stamps = new byte[]?[3];

    // Rubin alerts (DirectLsstPlan): per section (root first), the non-null column values read, whether the
    // section's record was there and its id field's value; previous diaSources and forced points.
    public readonly List<(int Ordinal, object Value)>[] Sections = Enumerable.Range(0, DirectLsstPlan.SectionCount).Select(_ => new List<(int, object)>()).ToArray();
    public readonly bool[] SectionRecord = new bool[DirectLsstPlan.SectionCount];
    public readonly AvroScalar?[] SectionId = new AvroScalar?[DirectLsstPlan.SectionCount];
    public readonly List<Measurement>[] Measurements = [[], []];

    public void Reset(Alert alert)
    {
        Alert = alert;
        Root.Clear();
        Flattened.Clear();
        LightCurves.Clear();
        Points.Clear();
        HasPrvCandidates = false;
        Array.Clear(Compact);
        Array.Clear(Stamps);
        foreach (var section in Sections)
            section.Clear();
        Array.Clear(SectionRecord);
        Array.Clear(SectionId);
        Measurements[0].Clear();
        Measurements[1].Clear();
    }
}
