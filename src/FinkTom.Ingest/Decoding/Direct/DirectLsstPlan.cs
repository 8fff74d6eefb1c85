using Avro;
using FinkTom.Core.Model;
using FinkTom.Core.Sky;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst.Tags;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding.Lsst;

namespace FinkTom.Ingest.Decoding.Direct;

/// <summary>
/// Rubin alerts (Rubin's own layout and Fink's) straight from Avro bytes, as <see cref="LsstAlertDecoder"/> decodes
/// them from generic records: the root's columns, then each section's (diaSource, diaObject, ssSource, mpc_orbits,
/// then Fink's xm, clf, pred, misc) in that order whatever the field order, a section counting only when its id
/// says it is there; previous diaSources and forced points as <see cref="Measurement"/>s read field by field.
/// </summary>
internal sealed class DirectLsstPlan : IDirectPlan
{
    private static readonly Survey Lsst = Survey.Lsst;

    // Section 0 is the root; the others in LsstAlertDecoder's order, each with the field that says it is there.
    private static readonly (string Name, string? Id)[] SectionOrder =
    [
        ("", null), (LsstSections.DiaSource, null), (LsstSections.DiaObject, "diaObjectId"), (LsstSections.SsSource, "ssObjectId"),
        (LsstSections.MpcOrbits, "packed_primary_provisional_designation"), ("xm", null), ("clf", null), ("pred", null), ("misc", null),
    ];

    public static int SectionCount => SectionOrder.Length;

    private const int Root = 0, DiaSource = 1, DiaObject = 2, SsSource = 3, MpcOrbits = 4, FirstFink = 5;

    private static readonly ColumnDef ObjectId = Lsst.ObjectId;
    private static readonly ColumnDef SsObjectId = Lsst.Catalog.Get("r:ssObjectId");
    private static readonly ColumnDef SchemaVersion = Lsst.Catalog.Get("f:lsst_schema_version");
    private static readonly ColumnDef Pixel = Lsst.Catalog.Get("f:pixel1024");
    private static readonly HistoryKind[] Kinds =
    [
        Lsst.History.Single(k => k.Name == LsstSections.PrvDiaSources), Lsst.History.Single(k => k.Name == LsstSections.PrvDiaForcedSources),
    ];

    private readonly Action<AvroBinaryReader, DirectDecodeState>[] _fields;
    private readonly string? _schemaVersion;

    private DirectLsstPlan(Action<AvroBinaryReader, DirectDecodeState>[] fields, string? schemaVersion)
    {
        _fields = fields;
        _schemaVersion = schemaVersion;
    }

    public static DirectLsstPlan Compile(RecordSchema root)
    {
        var readers = new AvroReaders();
        var steps = new Action<AvroBinaryReader, DirectDecodeState>?[root.Fields.Count];
        foreach (var (position, column) in LsstSections.RootSlots(root))
        {
            var read = readers.Scalar(root.Fields[position].Schema);
            var (ordinal, type) = (column.Ordinal, column.Type);
            steps[position] = (reader, state) =>
            {
                if (read(reader).ToColumn(type) is { } value)
                    state.Sections[Root].Add((ordinal, value));
            };
        }
        for (var section = 1; section < SectionOrder.Length; section++)
        {
            if (root.TryGetField(SectionOrder[section].Name, out var field))
                steps[field.Pos] = readers.Branches(field.Schema, branch => branch is RecordSchema record ? SectionReader(section, record, readers) : null);
        }
        for (var kind = 0; kind < Kinds.Length; kind++)
        {
            if (root.TryGetField(Kinds[kind].Name, out var field))
                steps[field.Pos] = readers.Branches(field.Schema, branch => branch is ArraySchema array ? HistoryReader(kind, array, readers) : null);
        }
        for (var stamp = 0; stamp < FinkFieldNames.CutoutFields.Length; stamp++)
        {
            var index = stamp;
            if (root.TryGetField(FinkFieldNames.CutoutFields[stamp], out var field))
                steps[field.Pos] = readers.Branches(field.Schema, branch => branch is { Tag: Schema.Type.Bytes } and not LogicalSchema
                    ? (reader, state) => state.Stamps[index] = reader.ReadBytes()
                    : null);
        }
        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i] is null)
            {
                var skip = readers.Skipper(root.Fields[i].Schema);
                steps[i] = (reader, _) => skip(reader);
            }
        }
        return new DirectLsstPlan(steps!, LsstAlertDecoder.RubinSchemaVersion(root));
    }

    public void Read(AvroBinaryReader reader, DirectDecodeState state)
    {
        state.Reset(new Alert(Lsst));
        foreach (var field in _fields)
            field(reader, state);
    }

    public Alert Build(DirectDecodeState state)
    {
        var alert = state.Alert;
        var values = alert.Values;
        Apply(state, Root, values);
        if (!state.SectionRecord[DiaSource])
            throw new AlertDecodeException($"Rubin alert {values[Lsst.AlertId.Ordinal]} has no diaSource");
        Apply(state, DiaSource, values);
        if (values[ObjectId.Ordinal] is 0L)
            values[ObjectId.Ordinal] = null;
        if (values[SsObjectId.Ordinal] is 0L)
            values[SsObjectId.Ordinal] = null;

        var diaObject = Present(state, DiaObject);
        if (diaObject)
        {
            Apply(state, DiaObject, values);
            if (values[ObjectId.Ordinal] is null && state.SectionId[DiaObject] is { Kind: ScalarKind.Long, Integer: > 0 } id)
                values[ObjectId.Ordinal] = id.Integer;
        }
        var ssSource = Present(state, SsSource);
        if (ssSource)
            Apply(state, SsSource, values);
        if (Present(state, MpcOrbits))
            Apply(state, MpcOrbits, values);

        var finkProcessed = false;
        for (var section = FirstFink; section < SectionOrder.Length; section++)
        {
            if (!state.SectionRecord[section])
                continue;
            finkProcessed = true;
            Apply(state, section, values);
        }

        alert.Measurements.AddRange(state.Measurements[0]);
        alert.Measurements.AddRange(state.Measurements[1]);
        if (!finkProcessed)
            LsstAlertDecoder.DeriveFinkPredicates(alert, ssSource, diaObject);
        values[SchemaVersion.Ordinal] ??= _schemaVersion;
        if (values[Lsst.Ra.Ordinal] is double ra && values[Lsst.Dec.Ordinal] is double dec && double.IsFinite(ra) && double.IsFinite(dec))
            values[Pixel.Ordinal] = Healpix.PixelRing(1024, ra, dec);
        var stamps = state.Stamps;
        alert.Cutouts = stamps[0] is null && stamps[1] is null && stamps[2] is null ? null : new AlertCutouts(stamps[0], stamps[1], stamps[2]);
        LsstTagEvaluator.Apply(alert);
        return alert;
    }

    private static void Apply(DirectDecodeState state, int section, object?[] values)
    {
        foreach (var (ordinal, value) in state.Sections[section])
            values[ordinal] = value;
    }

    // LsstAlertDecoder.Present: Fink writes an absent section as a record of nulls; its id (null or 0) tells.
    private static bool Present(DirectDecodeState state, int section) =>
        state.SectionRecord[section] && state.SectionId[section] is { } id && !id.IsNull && !(id.Kind == ScalarKind.Long && id.Integer == 0);

    private static Action<AvroBinaryReader, DirectDecodeState> SectionReader(int section, RecordSchema record, AvroReaders readers)
    {
        var (name, idField) = SectionOrder[section];
        var slots = LsstSections.SectionSlots(name, record).ToDictionary(s => s.Position, s => s.Column);
        var steps = record.Fields.Select(f =>
        {
            var column = slots.GetValueOrDefault(f.Pos);
            var isId = f.Name == idField;
            return column is null && !isId
                ? ((ColumnDef?)null, false, (AvroScalarReader?)null, (AvroSkipper?)readers.Skipper(f.Schema))
                : (column, isId, readers.Scalar(f.Schema), null);
        }).ToArray();
        return (reader, state) =>
        {
            state.SectionRecord[section] = true;
            var columns = state.Sections[section];
            reader.Enter();
            foreach (var (column, isId, read, skip) in steps)
            {
                if (read is null)
                {
                    skip!(reader);
                    continue;
                }
                var value = read(reader);
                if (isId)
                    state.SectionId[section] = value;
                if (column is not null && value.ToColumn(column.Type) is { } converted)
                    columns.Add((column.Ordinal, converted));
            }
            reader.Leave();
        };
    }

    // LsstAlertDecoder.AddHistory: every kept column of each item record (nulls too); kept when it has an id and a time.
    private static Action<AvroBinaryReader, DirectDecodeState> HistoryReader(int kind, ArraySchema array, AvroReaders readers)
    {
        var historyKind = Kinds[kind];
        var item = readers.Branches(array.ItemSchema, branch =>
        {
            if (branch is not RecordSchema record)
                return null;
            var slots = LsstSections.MeasurementSlotsOf(historyKind, record).Slots.ToDictionary(s => s.Position, s => s.Column);
            var steps = record.Fields.Select(f => slots.GetValueOrDefault(f.Pos) is { } column
                ? (Column: column, Read: readers.Scalar(f.Schema), Skip: (AvroSkipper?)null)
                : (Column: (ColumnDef?)null, Read: (AvroScalarReader?)null, Skip: readers.Skipper(f.Schema))).ToArray();
            return (reader, state) =>
            {
                var measurement = new Measurement(historyKind);
                reader.Enter();
                foreach (var (column, read, skip) in steps)
                {
                    if (read is null)
                        skip!(reader);
                    else
                        measurement.Values[column!.Ordinal] = read(reader).ToColumn(column.Type);
                }
                reader.Leave();
                if (measurement.Id > 0 && double.IsFinite(measurement.Time))
                    state.Measurements[kind].Add(measurement);
            };
        });
        return (reader, state) =>
        {
            for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
                for (var i = 0L; i < count; i++)
                    item(reader, state);
        };
    }

}
