using Avro;
using FinkTom.Ingest.Avro;

namespace FinkTom.Ingest.Decoding.Direct;

/// <summary>Skips one value of a schema in the binary data.</summary>
internal delegate void AvroSkipper(AvroBinaryReader reader);

/// <summary>Reads one value of a schema as an <see cref="AvroScalar"/> (records, arrays, maps, fixed and
/// logical-type values are skipped and come back as <see cref="ScalarKind.Other"/>).</summary>
internal delegate AvroScalar AvroScalarReader(AvroBinaryReader reader);

/// <summary>Builds the skipping and scalar-reading delegates for writer schemas, once per schema node.</summary>
internal sealed class AvroReaders
{
    // Named records may refer to themselves: the delegate of a record being built is reached through its holder.
    private readonly Dictionary<Schema, AvroSkipper> _skippers = new(ReferenceEqualityComparer.Instance);

    public static readonly AvroSkipper Nothing = static _ => { };

    /// <summary>
    /// A step for a field whose union branches are read differently: <paramref name="branchReader"/> gives the reader
    /// of a branch, or null to skip that branch. A field that is not a union is its own single branch.
    /// </summary>
    public Action<AvroBinaryReader, DirectDecodeState> Branches(
        Schema field, Func<Schema, Action<AvroBinaryReader, DirectDecodeState>?> branchReader)
    {
        Action<AvroBinaryReader, DirectDecodeState> Of(Schema branch)
        {
            if (branchReader(branch) is { } read)
                return read;
            var skip = Skipper(branch);
            return (reader, _) => skip(reader);
        }

        if (field is not UnionSchema union)
            return Of(field);
        var branches = union.Schemas.Select(Of).ToArray();
        return (reader, state) => branches[reader.ReadUnionIndex(branches.Length)](reader, state);
    }

    public AvroSkipper Skipper(Schema schema)
    {
        if (_skippers.TryGetValue(schema, out var known))
            return known;
        switch (schema)
        {
            case RecordSchema record when FlatSkip.TryCompile(record.Fields.Select(f => f.Schema)) is { } ops:
            {
                AvroSkipper skip = reader => FlatSkip.Run(reader, ops);
                _skippers[schema] = skip;
                return skip;
            }
            case RecordSchema record:
            {
                AvroSkipper[]? fields = null;
                AvroSkipper skip = reader =>
                {
                    reader.Enter();
                    foreach (var field in fields!)
                        field(reader);
                    reader.Leave();
                };
                _skippers[schema] = skip; // before the fields: a field may be this record again
                fields = record.Fields.Select(f => Skipper(f.Schema)).Where(s => s != Nothing).ToArray();
                return skip;
            }
            default:
            {
                var skip = Build(schema);
                _skippers[schema] = skip;
                return skip;
            }
        }
    }

    private AvroSkipper Build(Schema schema)
    {
        switch (schema)
        {
            case LogicalSchema logical:
                return Skipper(logical.BaseSchema);
            case UnionSchema union:
            {
                var branches = union.Schemas.Select(Skipper).ToArray();
                return reader => branches[reader.ReadUnionIndex(branches.Length)](reader);
            }
            case ArraySchema array:
            {
                var item = Skipper(array.ItemSchema);
                return reader =>
                {
                    for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
                        for (var i = 0L; i < count; i++)
                            item(reader);
                };
            }
            case MapSchema map:
            {
                var value = Skipper(map.ValueSchema);
                return reader =>
                {
                    for (var count = reader.ReadBlockCount(); count != 0; count = reader.ReadBlockCount())
                        for (var i = 0L; i < count; i++)
                        {
                            reader.SkipBytes();
                            value(reader);
                        }
                };
            }
            case FixedSchema @fixed:
            {
                var size = @fixed.Size;
                return reader => reader.Skip(size);
            }
            case EnumSchema @enum:
            {
                var symbols = @enum.Symbols.Count;
                return reader => EnumIndex(reader, symbols);
            }
        }
        return schema.Tag switch
        {
            Schema.Type.Null => Nothing,
            Schema.Type.Boolean => static reader => reader.ReadBoolean(),
            Schema.Type.Int or Schema.Type.Long => static reader => reader.ReadLong(),
            Schema.Type.Float => static reader => reader.Skip(4),
            Schema.Type.Double => static reader => reader.Skip(8),
            Schema.Type.String or Schema.Type.Bytes => static reader => reader.SkipBytes(),
            _ => throw new NotSupportedException($"Avro type {schema.Tag} cannot be planned"),
        };
    }

    public AvroScalarReader Scalar(Schema schema)
    {
        switch (schema)
        {
            case LogicalSchema: // the generic reader gives DateTime, decimal, Guid…: no column value either way
            case RecordSchema or ArraySchema or MapSchema or FixedSchema:
            {
                var skip = Skipper(schema);
                return reader =>
                {
                    skip(reader);
                    return new AvroScalar(ScalarKind.Other);
                };
            }
            case UnionSchema union:
            {
                var branches = union.Schemas.Select(Scalar).ToArray();
                return reader => branches[reader.ReadUnionIndex(branches.Length)](reader);
            }
            case EnumSchema @enum:
                return reader => AvroScalar.Enum(@enum, @enum.Symbols[EnumIndex(reader, @enum.Symbols.Count)]);
        }
        return schema.Tag switch
        {
            Schema.Type.Null => static _ => default,
            Schema.Type.Boolean => static reader => new AvroScalar(ScalarKind.Boolean, reader.ReadBoolean() ? 1 : 0),
            Schema.Type.Int => static reader => new AvroScalar(ScalarKind.Int, reader.ReadInt()),
            Schema.Type.Long => static reader => new AvroScalar(ScalarKind.Long, reader.ReadLong()),
            Schema.Type.Float => static reader => new AvroScalar(ScalarKind.Float, real: reader.ReadFloat()),
            Schema.Type.Double => static reader => new AvroScalar(ScalarKind.Double, real: reader.ReadDouble()),
            Schema.Type.String => static reader => new AvroScalar(ScalarKind.String, reference: reader.ReadString()),
            Schema.Type.Bytes => static reader => new AvroScalar(ScalarKind.Bytes, reference: reader.ReadBytes()),
            _ => throw new NotSupportedException($"Avro type {schema.Tag} cannot be planned"),
        };
    }

    private static int EnumIndex(AvroBinaryReader reader, int symbols)
    {
        var index = reader.ReadLong();
        return index >= 0 && index < symbols ? (int)index : throw new AvroFormatException($"enum symbol {index} out of range (the schema has {symbols})");
    }
}
