using Avro;
using Avro.Generic;
using FinkTom.Core.Model;

namespace FinkTom.Ingest.Decoding;

/// <summary>
/// Where the <see cref="HistoryPoint"/> fields sit in a <c>prv_candidates</c> item schema (ZTF <c>prv_candidate</c>,
/// 57 fields in 3.3/4.02, 52 in 3.2). Detections carry candid and magpsf; upper limits have both null and only
/// diffmaglim. The other prv_candidate fields (pid, xpos, chipsf, …) are not kept.
/// </summary>
internal sealed class HistoryLayout
{
    private readonly int _jd, _fid, _candid, _magPsf, _sigmaPsf, _diffMagLim, _magNr, _sigmaGnr, _distNr;
    private readonly int _isDiffPos, _rb, _drb, _nBad, _ra, _dec;

    /// <summary>The item fields read here; <see cref="AlertReaderSchema"/> skips the others.</summary>
    public static readonly IReadOnlySet<string> FieldNames = new HashSet<string>(StringComparer.Ordinal)
    {
        "jd", "fid", "candid", "magpsf", "sigmapsf", "diffmaglim", "magnr", "sigmagnr", "distnr",
        "isdiffpos", "rb", "drb", "nbad", "ra", "dec",
    };

    public HistoryLayout(RecordSchema schema)
    {
        Schema = schema;
        int P(string name) => AvroSchemas.Position(schema, name);
        (_jd, _fid, _candid, _magPsf, _sigmaPsf) = (P("jd"), P("fid"), P("candid"), P("magpsf"), P("sigmapsf"));
        (_diffMagLim, _magNr, _sigmaGnr, _distNr) = (P("diffmaglim"), P("magnr"), P("sigmagnr"), P("distnr"));
        (_isDiffPos, _rb, _drb, _nBad, _ra, _dec) = (P("isdiffpos"), P("rb"), P("drb"), P("nbad"), P("ra"), P("dec"));
    }

    public RecordSchema Schema { get; }

    /// <summary>The point, or null when the item has no jd or fid (nothing a light curve could place).</summary>
    public HistoryPoint? Read(GenericRecord item, string objectId)
    {
        if (ColumnValues.AsDouble(Get(item, _jd)) is not { } jd || ColumnValues.AsInt(Get(item, _fid)) is not { } fid)
            return null;
        return new HistoryPoint
        {
            ObjectId = objectId,
            Jd = jd,
            Fid = fid,
            Candid = ColumnValues.AsLong(Get(item, _candid)),
            MagPsf = ColumnValues.AsFloat(Get(item, _magPsf)),
            SigmaPsf = ColumnValues.AsFloat(Get(item, _sigmaPsf)),
            DiffMagLim = ColumnValues.AsFloat(Get(item, _diffMagLim)),
            MagNr = ColumnValues.AsFloat(Get(item, _magNr)),
            SigmaGnr = ColumnValues.AsFloat(Get(item, _sigmaGnr)),
            DistNr = ColumnValues.AsFloat(Get(item, _distNr)),
            IsDiffPos = ColumnValues.AsText(Get(item, _isDiffPos)),
            Rb = ColumnValues.AsFloat(Get(item, _rb)),
            Drb = ColumnValues.AsFloat(Get(item, _drb)),
            NBad = ColumnValues.AsInt(Get(item, _nBad)),
            Ra = ColumnValues.AsDouble(Get(item, _ra)),
            Dec = ColumnValues.AsDouble(Get(item, _dec)),
        };
    }

    private static object? Get(GenericRecord record, int position) => position < 0 ? null : record.GetValue(position);
}
