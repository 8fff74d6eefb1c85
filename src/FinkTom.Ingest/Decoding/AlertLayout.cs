using Avro;
using FinkTom.Core.Model;

namespace FinkTom.Ingest.Decoding;

/// <summary>A field position and the column it fills.</summary>
internal readonly record struct ColumnSlot(int Position, ColumnDef Column);

/// <summary>A nested root field (map or record) whose entries become <c>d:{field}_{key}</c> columns.</summary>
internal sealed record FlattenedField(int Position, Dictionary<string, ColumnDef> ColumnsByKey);

/// <summary><c>lc_features_g/r</c>: its position, column, and when it is a record, the positions of the 26 features in it.</summary>
internal sealed record LightCurveField(int Position, ColumnDef Column, RecordSchema? Schema, int[]? FeaturePositions);

/// <summary>
/// How one alert schema maps onto the catalogue, worked out once per writer schema so that decoding a record is a
/// walk over field positions instead of name lookups. Covers every root layout in the samples: ZTF <c>ztf.alert</c>
/// and Spark's <c>topLevelRecord</c>/<c>topLevelRecord.value</c> with Fink added values.
/// </summary>
internal sealed class AlertLayout
{
    private AlertLayout(RecordSchema root) => Root = root;

    public RecordSchema Root { get; }

    /// <summary>Why records of this schema cannot be alerts (e.g. an LSST packet), or null.</summary>
    public string? NotAnAlertReason { get; private init; }

    public int Candidate { get; private init; } = -1;
    public ColumnSlot[] CandidateSlots { get; private init; } = [];
    public RecordSchema? CandidateSchema { get; private init; }
    public int PrvCandidates { get; private init; } = -1;
    public HistoryLayout? History { get; private init; }
    public CompactHistoryLayout? CompactHistory { get; private init; }

    /// <summary>Positions of cutoutScience, cutoutTemplate, cutoutDifference (-1 when absent).</summary>
    public int[] Cutouts { get; private init; } = [-1, -1, -1];

    public ColumnSlot[] Direct { get; private init; } = [];
    public FlattenedField[] Flattened { get; private init; } = [];

    public LightCurveField[] LightCurves { get; private init; } = [];

    /// <summary>Root fields (and <c>candidate.*</c> fields) with no catalogue column: not stored.</summary>
    public string[] Unmapped { get; private init; } = [];

    public static AlertLayout Build(RecordSchema root)
    {
        var candidatePos = AvroSchemas.Position(root, FinkFieldNames.Candidate);
        var candidateSchema = candidatePos < 0 ? null : AvroSchemas.AsRecord(root.Fields[candidatePos].Schema);
        if (candidateSchema is null || !root.TryGetField("objectId", out _))
            return new AlertLayout(root)
            {
                NotAnAlertReason = $"record '{root.Fullname}' is not a ZTF alert (no 'objectId' and 'candidate' record)",
            };

        var unmapped = new List<string>();
        var direct = new List<ColumnSlot>();
        var flattened = new List<FlattenedField>();
        var lightCurves = new List<LightCurveField>();
        var compact = CompactHistoryLayout.TryCreate(root);
        var prvPos = AvroSchemas.Position(root, FinkFieldNames.PrvCandidates);
        var prvSchema = prvPos < 0 ? null : AvroSchemas.ArrayItemRecord(root.Fields[prvPos].Schema);

        foreach (var field in root.Fields)
        {
            var name = field.Name;
            if (name is FinkFieldNames.Candidate or FinkFieldNames.PrvCandidates
                || FinkFieldNames.CutoutFields.Contains(name)
                || (compact is not null && CompactHistoryLayout.Fields.Contains(name) && name != "cmagzpsci"))
                continue;

            if (name is FinkFieldNames.LcFeaturesG or FinkFieldNames.LcFeaturesR)
            {
                var record = AvroSchemas.AsRecord(field.Schema);
                lightCurves.Add(new LightCurveField(field.Pos, ColumnCatalog.Get("d:" + name), record,
                    record is null ? null : LightCurveFeatures.Positions(record)));
                continue;
            }

            var nested = AvroSchemas.Unwrap(field.Schema).Tag is Schema.Type.Map or Schema.Type.Record;
            if (nested && FinkFieldNames.FlattenedColumns(name) is { Count: > 0 } byKey)
                flattened.Add(new FlattenedField(field.Pos, byKey));
            else if (!nested && FinkFieldNames.RootColumn(name) is { } column)
                direct.Add(new ColumnSlot(field.Pos, column));
            else
                unmapped.Add(name);
        }

        var candidateSlots = CandidateSlotsFor(candidateSchema, unmapped);
        return new AlertLayout(root)
        {
            Candidate = candidatePos,
            CandidateSchema = candidateSchema,
            CandidateSlots = candidateSlots,
            PrvCandidates = prvPos,
            History = prvSchema is null ? null : new HistoryLayout(prvSchema),
            CompactHistory = compact,
            Cutouts = FinkFieldNames.CutoutFields.Select(n => AvroSchemas.Position(root, n)).ToArray(),
            Direct = direct.ToArray(),
            Flattened = flattened.ToArray(),
            LightCurves = lightCurves.ToArray(),
            Unmapped = unmapped.ToArray(),
        };
    }

    /// <summary>The <c>i:</c> columns of a candidate record schema; fields without one go to <paramref name="unmapped"/>.</summary>
    public static ColumnSlot[] CandidateSlotsFor(RecordSchema candidate, List<string>? unmapped)
    {
        var slots = new List<ColumnSlot>(candidate.Fields.Count);
        foreach (var field in candidate.Fields)
        {
            if (FinkFieldNames.CandidateColumn(field.Name) is { } column)
                slots.Add(new ColumnSlot(field.Pos, column));
            else
                unmapped?.Add("candidate." + field.Name);
        }
        return slots.ToArray();
    }
}
