using Avro;
using Avro.Generic;
using FinkTom.Core.Model;

namespace FinkTom.Ingest.Decoding;

/// <summary>
/// The 2020 Fink stream's history: parallel root arrays <c>cjd, cfid, cmagpsf, csigmapsf, cmagnr, csigmagnr,
/// cmagzpsci, cisdiffpos</c>, each <c>prv_candidates</c> followed by the alert's own candidate (Fink's
/// <c>concat_col</c>). Used only when a packet has no <c>prv_candidates</c>: those carry candid, rb and nbad,
/// which the compact arrays lack (and <c>cmagzpsci</c> has no place in <see cref="HistoryPoint"/>).
/// </summary>
internal sealed class CompactHistoryLayout
{
    public static readonly string[] Fields = ["cjd", "cfid", "cmagpsf", "csigmapsf", "cmagnr", "csigmagnr", "cmagzpsci", "cisdiffpos"];

    private readonly int _jd, _fid, _magPsf, _sigmaPsf, _magNr, _sigmaGnr, _isDiffPos;

    private CompactHistoryLayout(RecordSchema root)
    {
        int P(string name) => AvroSchemas.Position(root, name);
        (_jd, _fid, _magPsf, _sigmaPsf) = (P("cjd"), P("cfid"), P("cmagpsf"), P("csigmapsf"));
        (_magNr, _sigmaGnr, _isDiffPos) = (P("cmagnr"), P("csigmagnr"), P("cisdiffpos"));
    }

    /// <summary>The layout when the root has at least <c>cjd</c> and <c>cfid</c>, else null.</summary>
    public static CompactHistoryLayout? TryCreate(RecordSchema root) =>
        root.TryGetField("cjd", out _) && root.TryGetField("cfid", out _) ? new CompactHistoryLayout(root) : null;

    /// <summary>Adds the history points, leaving out the last entry when it is the alert itself (same jd).</summary>
    public void AddPoints(GenericRecord root, string objectId, double alertJd, List<HistoryPoint> history)
    {
        if (Array(root, _jd) is not { } jds || Array(root, _fid) is not { } fids)
            return;
        var magPsf = Array(root, _magPsf);
        var sigmaPsf = Array(root, _sigmaPsf);
        var magNr = Array(root, _magNr);
        var sigmaGnr = Array(root, _sigmaGnr);
        var isDiffPos = Array(root, _isDiffPos);

        var count = Math.Min(jds.Length, fids.Length);
        if (count > 0 && ColumnValues.AsDouble(jds[count - 1]) == alertJd)
            count--;
        for (var i = 0; i < count; i++)
        {
            if (ColumnValues.AsDouble(jds[i]) is not { } jd || ColumnValues.AsInt(fids[i]) is not { } fid)
                continue;
            history.Add(new HistoryPoint
            {
                ObjectId = objectId,
                Jd = jd,
                Fid = fid,
                MagPsf = ColumnValues.AsFloat(At(magPsf, i)),
                SigmaPsf = ColumnValues.AsFloat(At(sigmaPsf, i)),
                MagNr = ColumnValues.AsFloat(At(magNr, i)),
                SigmaGnr = ColumnValues.AsFloat(At(sigmaGnr, i)),
                IsDiffPos = ColumnValues.AsText(At(isDiffPos, i)),
            });
        }
    }

    private static object?[]? Array(GenericRecord root, int position) =>
        position < 0 ? null : root.GetValue(position) as object?[];

    private static object? At(object?[]? values, int i) => values is not null && i < values.Length ? values[i] : null;
}
