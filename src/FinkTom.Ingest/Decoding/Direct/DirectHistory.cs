using Avro;
using FinkTom.Core.Model;
using FinkTom.Ingest.Avro;

namespace FinkTom.Ingest.Decoding.Direct;

/// <summary>
/// History for the direct decoder: <c>prv_candidates</c> items read field by field into <see cref="PendingPoint"/>s
/// (the 15 fields <see cref="HistoryLayout"/> keeps, the other ~42 skipped in the bytes), and the 2020 stream's
/// compact <c>c*</c> arrays. Conversions are <see cref="HistoryLayout"/>'s and <see cref="CompactHistoryLayout"/>'s.
/// </summary>
internal static class DirectHistory
{
    // Slots of the item fields in DirectDecodeState.Item.
    private static readonly string[] ItemFields =
        ["jd", "fid", "candid", "magpsf", "sigmapsf", "diffmaglim", "magnr", "sigmagnr", "distnr", "isdiffpos", "rb", "drb", "nbad", "ra", "dec"];

    public static int FieldCount => ItemFields.Length;

    /// <summary>The compact arrays read, in slot order (<c>cmagzpsci</c> has no place in a point).</summary>
    public static readonly string[] CompactFields = ["cjd", "cfid", "cmagpsf", "csigmapsf", "cmagnr", "csigmagnr", "cisdiffpos"];

    public static int CompactFieldCount => CompactFields.Length;

    /// <summary>Reads one <c>prv_candidates</c> item of this record schema and adds its point (none without jd or fid).</summary>
    public static Action<AvroBinaryReader, DirectDecodeState> ItemReader(RecordSchema item, AvroReaders readers)
    {
        // Runs of unkept fields become one flat skip program where they can (FlatSkip), one delegate each otherwise.
        var steps = new List<(int Slot, AvroScalarReader? Read, byte[]? Ops, AvroSkipper? Skip)>();
        var run = new List<Schema>();
        void Flush()
        {
            if (run.Count == 0)
                return;
            if (FlatSkip.TryCompile(run) is { } ops)
                steps.Add((-1, null, ops, null));
            else
                steps.AddRange(run.Select(s => (-1, (AvroScalarReader?)null, (byte[]?)null, (AvroSkipper?)readers.Skipper(s))));
            run.Clear();
        }
        foreach (var field in item.Fields)
        {
            var slot = Array.IndexOf(ItemFields, field.Name);
            if (slot < 0)
            {
                run.Add(field.Schema);
                continue;
            }
            Flush();
            steps.Add((slot, readers.Scalar(field.Schema), null, null));
        }
        Flush();
        var plan = steps.ToArray();
        return (reader, state) =>
        {
            var values = state.Item;
            Array.Clear(values);
            reader.Enter();
            foreach (var (slot, read, ops, skip) in plan)
            {
                if (read is not null)
                    values[slot] = read(reader);
                else if (ops is not null)
                    FlatSkip.Run(reader, ops);
                else
                    skip!(reader);
            }
            reader.Leave();
            if (values[0].AsDouble() is not { } jd || values[1].AsInt() is not { } fid)
                return;
            state.Points.Add(new PendingPoint(jd, fid, values[2].AsLong(), values[3].AsFloat(), values[4].AsFloat(),
                values[5].AsFloat(), values[6].AsFloat(), values[7].AsFloat(), values[8].AsFloat(), values[9].AsText(),
                values[10].AsFloat(), values[11].AsFloat(), values[12].AsInt(), values[13].AsDouble(), values[14].AsDouble()));
        };
    }

    /// <summary>Reads a compact array field (null when the value is not an array) into its slot.</summary>
    public static Action<AvroBinaryReader, DirectDecodeState> CompactReader(Schema field, int slot, AvroReaders readers)
    {
        var branches = (field is UnionSchema union ? union.Schemas : [field]).Select(branch =>
        {
            if (branch is not ArraySchema array)
            {
                var skip = readers.Skipper(branch);
                return (Func<AvroBinaryReader, List<AvroScalar>?>)(reader =>
                {
                    skip(reader);
                    return null;
                });
            }
            var item = readers.Scalar(array.ItemSchema);
            return reader =>
            {
                var values = new List<AvroScalar>();
                for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
                    for (var i = 0L; i < count; i++)
                        values.Add(item(reader));
                return values;
            };
        }).ToArray();
        return field is UnionSchema
            ? (reader, state) => state.Compact[slot] = branches[reader.ReadUnionIndex(branches.Length)](reader)
            : (reader, state) => state.Compact[slot] = branches[0](reader);
    }

    /// <summary><see cref="CompactHistoryLayout.AddPoints"/> over the arrays read.</summary>
    public static void AddCompactPoints(List<AvroScalar>?[] arrays, string objectId, double alertJd, List<HistoryPoint> history)
    {
        if (arrays[0] is not { } jds || arrays[1] is not { } fids)
            return;
        var count = Math.Min(jds.Count, fids.Count);
        if (count > 0 && jds[count - 1].AsDouble() == alertJd)
            count--;
        for (var i = 0; i < count; i++)
        {
            if (jds[i].AsDouble() is not { } jd || fids[i].AsInt() is not { } fid)
                continue;
            history.Add(new HistoryPoint
            {
                ObjectId = objectId,
                Jd = jd,
                Fid = fid,
                MagPsf = At(arrays[2], i).AsFloat(),
                SigmaPsf = At(arrays[3], i).AsFloat(),
                MagNr = At(arrays[4], i).AsFloat(),
                SigmaGnr = At(arrays[5], i).AsFloat(),
                IsDiffPos = At(arrays[6], i).AsText(),
            });
        }
    }

    private static AvroScalar At(List<AvroScalar>? values, int i) => values is not null && i < values.Count ? values[i] : default;
}
