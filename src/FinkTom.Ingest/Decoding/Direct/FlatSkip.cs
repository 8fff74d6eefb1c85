using Avro;
using FinkTom.Ingest.Avro;

namespace FinkTom.Ingest.Decoding.Direct;

/// <summary>
/// Skips a run of fields that are all primitives or nullable primitives (a <c>prv_candidates</c> point's 42 unkept
/// fields, a ZTF 4.x <c>fp_hists</c> point) with a small byte program interpreted in one loop: one delegate call per
/// field made skipping the larger part of the direct decoder's time.
/// </summary>
internal static class FlatSkip
{
    private const byte Varint = 1, Float = 2, Double = 3, Length = 4, Boolean = 5, NullFirst = 6, NullSecond = 7;

    /// <summary>The program skipping values of these schemas in turn, or null when one of them is not flat.</summary>
    public static byte[]? TryCompile(IEnumerable<Schema> schemas)
    {
        var ops = new List<byte>();
        foreach (var schema in schemas)
        {
            if (!TryAdd(schema, ops))
                return null;
        }
        return ops.ToArray();
    }

    private static bool TryAdd(Schema schema, List<byte> ops)
    {
        if (schema is UnionSchema { Count: 2 } union)
        {
            var nullAt = union.Schemas[0].Tag == Schema.Type.Null ? 0 : union.Schemas[1].Tag == Schema.Type.Null ? 1 : -1;
            if (nullAt < 0 || Primitive(union.Schemas[1 - nullAt]) is not { } inner)
                return false;
            ops.Add(nullAt == 0 ? NullFirst : NullSecond);
            ops.Add(inner);
            return true;
        }
        if (schema.Tag == Schema.Type.Null)
            return true;
        if (Primitive(schema) is not { } op)
            return false;
        ops.Add(op);
        return true;
    }

    private static byte? Primitive(Schema schema) => schema switch
    {
        LogicalSchema logical => Primitive(logical.BaseSchema),
        EnumSchema => Varint,
        _ => schema.Tag switch
        {
            Schema.Type.Int or Schema.Type.Long => Varint,
            Schema.Type.Float => Float,
            Schema.Type.Double => Double,
            Schema.Type.String or Schema.Type.Bytes => Length,
            Schema.Type.Boolean => Boolean,
            _ => null,
        },
    };

    public static void Run(AvroBinaryReader reader, byte[] ops)
    {
        for (var i = 0; i < ops.Length; i++)
        {
            var op = ops[i];
            if (op >= NullFirst)
            {
                var branch = reader.ReadUnionIndex(2);
                i++;
                if (branch == (op == NullFirst ? 0 : 1))
                    continue; // null: nothing follows
                op = ops[i];
            }
            switch (op)
            {
                case Varint:
                    reader.ReadLong();
                    break;
                case Float:
                    reader.Skip(4);
                    break;
                case Double:
                    reader.Skip(8);
                    break;
                case Length:
                    reader.SkipBytes();
                    break;
                default:
                    reader.ReadBoolean();
                    break;
            }
        }
    }
}
