using System.Text;
using Avro.File;
using Avro.Generic;

namespace FinkTom.Tests.Ingest;

/// <summary>Hand-built Avro containers for edge cases no real sample has (other schemas, other codecs).</summary>
internal static class AvroFiles
{
    /// <summary>A container with the given schema and codec names in its header and one block holding
    /// <paramref name="datum"/> as one record (the data is not compressed, whatever the codec says).</summary>
    public static byte[] ContainerOf(string schemaJson, byte[] datum, string codec = "null")
    {
        var sync = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        using var file = new MemoryStream();
        file.Write("Obj\x01"u8);
        WriteLong(file, 2); // metadata map: one block of 2 entries
        WriteBytes(file, Encoding.UTF8.GetBytes("avro.schema"));
        WriteBytes(file, Encoding.UTF8.GetBytes(schemaJson));
        WriteBytes(file, Encoding.UTF8.GetBytes("avro.codec"));
        WriteBytes(file, Encoding.UTF8.GetBytes(codec));
        WriteLong(file, 0);
        file.Write(sync);
        WriteLong(file, 1);
        WriteLong(file, datum.Length);
        file.Write(datum);
        file.Write(sync);
        return file.ToArray();
    }

    /// <summary>A container of these records, written by Apache.Avro (null codec).</summary>
    public static byte[] ContainerOf(IReadOnlyList<GenericRecord> records)
    {
        using var file = new MemoryStream();
        using (var writer = DataFileWriter<GenericRecord>.OpenWriter(new GenericDatumWriter<GenericRecord>(records[0].Schema), file, leaveOpen: true))
        {
            foreach (var record in records)
                writer.Append(record);
        }
        return file.ToArray();
    }

    private static void WriteBytes(Stream stream, byte[] bytes)
    {
        WriteLong(stream, bytes.Length);
        stream.Write(bytes);
    }

    private static void WriteLong(Stream stream, long value)
    {
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        while (zigzag >= 0x80)
        {
            stream.WriteByte((byte)(zigzag | 0x80));
            zigzag >>= 7;
        }
        stream.WriteByte((byte)zigzag);
    }
}
