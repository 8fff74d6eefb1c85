using Avro;
using FinkTom.Core.Model;
using FinkTom.Core.Science;
using FinkTom.Ingest.Avro;

namespace FinkTom.Ingest.Decoding.Direct;

/// <summary>
/// Decodes ZTF and Fink-enriched ZTF alert records straight from Avro bytes to <see cref="Alert"/>s, with no
/// <c>GenericRecord</c> in between: a plan compiled once per writer schema (from the container header or the Kafka
/// key) reads the fields FinkTom keeps (<see cref="AlertLayout"/> says which and where they go) and skips the others
/// in the bytes. The generic path built a record per history point and boxed every value; this one boxes only
/// the values an alert keeps, once. It gives the same alerts as <see cref="AlertDecoder"/> (tests compare every
/// sample file, and random records), whose conversions it shares.
/// </summary>
/// <remarks>Rubin alerts have their own plan, <see cref="DirectLsstPlan"/>; <see cref="TryCompile"/> picks.</remarks>
internal sealed class DirectAlertPlan : IDirectPlan
{
    private readonly Action<AvroBinaryReader, DirectDecodeState>[] _fields;
    private readonly bool _hasCompactHistory;

    private DirectAlertPlan(Action<AvroBinaryReader, DirectDecodeState>[] fields, bool hasCompactHistory)
    {
        _fields = fields;
        _hasCompactHistory = hasCompactHistory;
    }

    /// <summary>The plan for records of this writer schema (ZTF or Rubin alerts), or null with the reason when it
    /// has none: not an alert, or a schema the planner cannot read (those keep the generic path).</summary>
    public static IDirectPlan? TryCompile(Schema writer, out string? reason)
    {
        try
        {
            if (writer is not RecordSchema root)
            {
                reason = "not a record";
                return null;
            }
            if (Lsst.LsstAlertDecoder.IsLsstAlert(root))
            {
                reason = null;
                return DirectLsstPlan.Compile(root);
            }
            var layout = AlertLayout.Build(root);
            if (layout.NotAnAlertReason is { } notAlert)
            {
                reason = notAlert;
                return null;
            }
            reason = null;
            return new DirectAlertPlan(Compile(root, layout, new AvroReaders()), layout.CompactHistory is not null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            reason = $"{e.GetType().Name}: {e.Message}";
            return null;
        }
    }

    /// <summary>Reads one record into <paramref name="state"/> (reset first). Throws <see cref="AvroFormatException"/>
    /// when the bytes do not hold a record of the writer schema.</summary>
    public void Read(AvroBinaryReader reader, DirectDecodeState state)
    {
        state.Reset(new Alert());
        foreach (var field in _fields)
            field(reader, state);
    }

    /// <summary>The alert of the record last read into <paramref name="state"/>: <see cref="AlertDecoder.Decode"/>'s
    /// checks, history, cutouts and Fink values. Throws <see cref="AlertDecodeException"/> as it does.</summary>
    public Alert Build(DirectDecodeState state)
    {
        var alert = state.Alert;
        var values = alert.Values;
        foreach (var (ordinal, value) in state.Root)
            values[ordinal] = value;
        foreach (var (ordinal, value) in state.Flattened)
            values[ordinal] = value;
        foreach (var (ordinal, value) in state.LightCurves)
            values[ordinal] = value;

        var (objectId, jd) = AlertDecoder.RequireKeys(alert);

        if (state.HasPrvCandidates)
        {
            alert.History.EnsureCapacity(state.Points.Count);
            foreach (var point in state.Points)
                alert.History.Add(point.ToPoint(objectId));
        }
        else if (_hasCompactHistory)
        {
            DirectHistory.AddCompactPoints(state.Compact, objectId, jd, alert.History);
        }
        var stamps = state.Stamps;
        alert.Cutouts = stamps[0] is null && stamps[1] is null && stamps[2] is null ? null : new AlertCutouts(stamps[0], stamps[1], stamps[2]);
        ZtfScience.Complete(alert);
        values[ColumnCatalog.Classification.Ordinal] = FinkClassifier.Classify(alert);
        return alert;
    }

    private static Action<AvroBinaryReader, DirectDecodeState>[] Compile(RecordSchema root, AlertLayout layout, AvroReaders readers)
    {
        var steps = new Action<AvroBinaryReader, DirectDecodeState>?[root.Fields.Count];
        steps[layout.Candidate] = readers.Branches(root.Fields[layout.Candidate].Schema, b => b is RecordSchema r ? CandidateReader(r, readers) : null);
        if (layout.PrvCandidates >= 0)
            steps[layout.PrvCandidates] = PrvCandidatesReader(root.Fields[layout.PrvCandidates].Schema, readers);
        for (var i = 0; i < 3; i++)
        {
            var (position, stamp) = (layout.Cutouts[i], i);
            if (position >= 0)
                steps[position] = readers.Branches(root.Fields[position].Schema, b => StampReader(b, stamp, readers));
        }
        if (layout.CompactHistory is not null)
        {
            for (var slot = 0; slot < DirectHistory.CompactFields.Length; slot++)
            {
                if (root.TryGetField(DirectHistory.CompactFields[slot], out var field))
                    steps[field.Pos] = DirectHistory.CompactReader(field.Schema, slot, readers);
            }
        }
        foreach (var (position, column) in layout.Direct)
        {
            var read = readers.Scalar(root.Fields[position].Schema);
            var (ordinal, type) = (column.Ordinal, column.Type);
            steps[position] = (reader, state) =>
            {
                if (read(reader).ToColumn(type) is { } value)
                    state.Root.Add((ordinal, value));
            };
        }
        foreach (var flattened in layout.Flattened)
            steps[flattened.Position] = readers.Branches(root.Fields[flattened.Position].Schema, b => FlattenedReader(b, flattened.ColumnsByKey, readers));
        foreach (var lightCurve in layout.LightCurves)
            steps[lightCurve.Position] = LightCurveReader(root.Fields[lightCurve.Position].Schema, lightCurve.Column.Ordinal, readers);

        for (var i = 0; i < steps.Length; i++)
        {
            if (steps[i] is null)
            {
                var skip = readers.Skipper(root.Fields[i].Schema);
                steps[i] = (reader, _) => skip(reader);
            }
        }
        return steps!;
    }

    /// <summary>A step for a field whose union branches are read differently: <paramref name="branchReader"/> gives
    /// the reader of a branch, or null to skip that branch.</summary>

    // AlertDecoder.Copy over AlertLayout.CandidateSlotsFor: every non-null i: value.
    private static Action<AvroBinaryReader, DirectDecodeState> CandidateReader(RecordSchema candidate, AvroReaders readers)
    {
        var steps = candidate.Fields.Select(f => FinkFieldNames.CandidateColumn(f.Name) is { } column
            ? (Ordinal: column.Ordinal, column.Type, Read: readers.Scalar(f.Schema), Skip: (AvroSkipper?)null)
            : (Ordinal: -1, ColumnType.String, Read: (AvroScalarReader?)null, Skip: readers.Skipper(f.Schema))).ToArray();
        return (reader, state) =>
        {
            var values = state.Alert.Values;
            reader.Enter();
            foreach (var (ordinal, type, read, skip) in steps)
            {
                if (read is null)
                    skip!(reader);
                else if (read(reader).ToColumn(type) is { } value)
                    values[ordinal] = value;
            }
            reader.Leave();
        };
    }

    // AlertDecoder.AddHistory: an array (of records) is the history, whatever else (null) leaves it to the compact arrays.
    private static Action<AvroBinaryReader, DirectDecodeState> PrvCandidatesReader(Schema field, AvroReaders readers) =>
        readers.Branches(field, branch =>
        {
            if (branch is not ArraySchema array)
                return null;
            var item = readers.Branches(array.ItemSchema, b => b is RecordSchema record ? DirectHistory.ItemReader(record, readers) : null);
            return (reader, state) =>
            {
                state.HasPrvCandidates = true;
                for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
                    for (var i = 0L; i < count; i++)
                        item(reader, state);
            };
        });

    // AlertDecoder.StampData: bytes, or a cutout record's stampData bytes.
    private static Action<AvroBinaryReader, DirectDecodeState>? StampReader(Schema branch, int stamp, AvroReaders readers)
    {
        switch (branch)
        {
            case RecordSchema record:
            {
                var steps = record.Fields.Select(f => f.Name == "stampData"
                    ? (Read: readers.Scalar(f.Schema), Skip: (AvroSkipper?)null)
                    : (Read: (AvroScalarReader?)null, Skip: readers.Skipper(f.Schema))).ToArray();
                return (reader, state) =>
                {
                    reader.Enter();
                    foreach (var (read, skip) in steps)
                    {
                        if (read is null)
                            skip!(reader);
                        else
                            state.Stamps[stamp] = read(reader).Reference as byte[];
                    }
                    reader.Leave();
                };
            }
            case { Tag: Schema.Type.Bytes } and not LogicalSchema:
                return (reader, state) => state.Stamps[stamp] = reader.ReadBytes();
            default:
                return null;
        }
    }

    // AlertDecoder.CopyFlattened: map entries and record fields named like a d:{field}_{key} column, nulls included.
    private static Action<AvroBinaryReader, DirectDecodeState>? FlattenedReader(Schema branch, Dictionary<string, ColumnDef> columnsByKey, AvroReaders readers)
    {
        switch (branch)
        {
            case MapSchema map:
            {
                var read = readers.Scalar(map.ValueSchema);
                return (reader, state) =>
                {
                    for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
                        for (var i = 0L; i < count; i++)
                        {
                            var key = reader.ReadString();
                            var value = read(reader);
                            if (columnsByKey.TryGetValue(key, out var column))
                                state.Flattened.Add((column.Ordinal, value.ToColumn(column.Type)));
                        }
                };
            }
            case RecordSchema record:
            {
                var steps = record.Fields.Select(f => columnsByKey.TryGetValue(f.Name, out var column)
                    ? (Column: column, Read: readers.Scalar(f.Schema), Skip: (AvroSkipper?)null)
                    : (Column: (ColumnDef?)null, Read: (AvroScalarReader?)null, Skip: readers.Skipper(f.Schema))).ToArray();
                return (reader, state) =>
                {
                    reader.Enter();
                    foreach (var (column, read, skip) in steps)
                    {
                        if (read is null)
                            skip!(reader);
                        else
                            state.Flattened.Add((column!.Ordinal, read(reader).ToColumn(column.Type)));
                    }
                    reader.Leave();
                };
            }
            default:
                return null;
        }
    }

    // LightCurveFeatures.ToJson: a string as is; a record (null when all its fields are), a map by name, or an
    // array of exactly 26 values as the JSON array; anything else null.
    private static Action<AvroBinaryReader, DirectDecodeState> LightCurveReader(Schema field, int ordinal, AvroReaders readers)
    {
        Func<AvroBinaryReader, string?> Of(Schema branch)
        {
            switch (branch)
            {
                case { Tag: Schema.Type.String } and not LogicalSchema:
                    return reader => reader.ReadString();
                case RecordSchema record:
                {
                    var reads = record.Fields.Select(f => readers.Scalar(f.Schema)).ToArray();
                    var positions = LightCurveFeatures.Positions(record);
                    return reader =>
                    {
                        var values = new object?[reads.Length];
                        reader.Enter();
                        for (var i = 0; i < reads.Length; i++)
                            values[i] = reads[i](reader).ToObject();
                        reader.Leave();
                        return values.All(v => v is null) ? null : LightCurveFeatures.Write(positions, pos => pos < 0 ? null : values[pos]);
                    };
                }
                case MapSchema map:
                {
                    var read = readers.Scalar(map.ValueSchema);
                    return reader =>
                    {
                        var entries = new Dictionary<string, object?>(StringComparer.Ordinal);
                        for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
                            for (var i = 0L; i < count; i++)
                            {
                                var key = reader.ReadString();
                                entries[key] = read(reader).ToObject();
                            }
                        return LightCurveFeatures.Write(LightCurveFeatures.Indexes,
                            i => entries.TryGetValue(LightCurveFeatures.Names[i], out var v) ? v : null);
                    };
                }
                case ArraySchema array:
                {
                    var read = readers.Scalar(array.ItemSchema);
                    return reader =>
                    {
                        var items = new List<object?>();
                        for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
                            for (var i = 0L; i < count; i++)
                                items.Add(read(reader).ToObject());
                        return items.Count == LightCurveFeatures.Names.Length ? LightCurveFeatures.Write(LightCurveFeatures.Indexes, i => items[i]) : null;
                    };
                }
                default:
                {
                    var skip = readers.Skipper(branch);
                    return reader =>
                    {
                        skip(reader);
                        return null;
                    };
                }
            }
        }

        var branches = (field is UnionSchema union ? union.Schemas : [field]).Select(Of).ToArray();
        return field is UnionSchema
            ? (reader, state) => state.LightCurves.Add((ordinal, branches[reader.ReadUnionIndex(branches.Length)](reader)))
            : (reader, state) => state.LightCurves.Add((ordinal, branches[0](reader)));
    }
}
