using System.IO.Compression;
using System.Text;
using Avro.File;
using FinkTom.Ingest.Avro;

namespace FinkTom.Tests.Fuzz;

/// <summary>An Avro object container taken apart (schema, codec, sync marker, blocks of uncompressed data) so that a
/// fuzz input can change one layer and write the file again: the schema text, the codec, a block's records, the framing.</summary>
internal sealed record AvroContainer(string SchemaJson, string Codec, byte[] Sync, IReadOnlyList<AvroBlock> Blocks)
{
    /// <summary>Reads a well-formed container (the first <paramref name="maxBlocks"/> blocks).</summary>
    public static AvroContainer Read(byte[] file, int maxBlocks = int.MaxValue)
    {
        AvroCodecs.EnsureRegistered();
        using var stream = new MemoryStream(file);
        var header = AvroContainerHeader.Read(stream);
        var codec = Avro.File.Codec.CreateCodecFromString(header.CodecName);
        var blocks = new List<AvroBlock>();
        while (blocks.Count < maxBlocks && stream.Position < stream.Length)
        {
            var count = ReadLong(stream);
            var size = (int)ReadLong(stream);
            var data = new byte[size];
            stream.ReadExactly(data);
            stream.Position += AvroContainerHeader.SyncLength;
            blocks.Add(new AvroBlock(count, AvroBlockCodec.Decompress(header.CodecName, codec, data, size, long.MaxValue).ToArray()));
        }
        return new AvroContainer(header.SchemaJson, header.CodecName, header.Sync, blocks);
    }

    /// <summary>The container as a file: blocks compressed with <paramref name="compress"/> (null, deflate or snappy), the
    /// header naming <paramref name="headerCodec"/> (usually the same).</summary>
    public byte[] Write(string compress, string? headerCodec = null)
    {
        using var file = new MemoryStream();
        file.Write("Obj\x01"u8);
        WriteLong(file, 2);
        WriteBytes(file, "avro.schema"u8.ToArray());
        WriteBytes(file, Encoding.UTF8.GetBytes(SchemaJson));
        WriteBytes(file, "avro.codec"u8.ToArray());
        WriteBytes(file, Encoding.UTF8.GetBytes(headerCodec ?? compress));
        WriteLong(file, 0);
        file.Write(Sync);
        foreach (var block in Blocks)
        {
            var data = Compress(compress, block.Data);
            WriteLong(file, block.Count);
            WriteLong(file, block.DeclaredSize ?? data.Length);
            file.Write(data);
            file.Write(block.Sync ?? Sync);
        }
        return file.ToArray();
    }

    public static byte[] Compress(string codec, byte[] data)
    {
        switch (codec)
        {
            case "deflate":
                using (var output = new MemoryStream())
                {
                    using (var deflate = new DeflateStream(output, CompressionLevel.Fastest, leaveOpen: true))
                        deflate.Write(data);
                    return output.ToArray();
                }
            case "snappy":
                return new SnappyCodec().Compress(data);
            default:
                return data;
        }
    }

    public static void WriteLong(Stream stream, long value) => stream.Write(Mutations.Varint(value));

    private static void WriteBytes(Stream stream, byte[] bytes)
    {
        WriteLong(stream, bytes.Length);
        stream.Write(bytes);
    }

    private static long ReadLong(Stream stream)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = stream.ReadByte();
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
                return (long)(value >> 1) ^ -(long)(value & 1);
        }
    }
}

/// <summary>A block: its record count and uncompressed data; optionally a size or sync marker that lies.</summary>
internal sealed record AvroBlock(long Count, byte[] Data, long? DeclaredSize = null, byte[]? Sync = null);
