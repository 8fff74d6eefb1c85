namespace FinkTom.Ingest.Avro;

/// <summary>Avro's zig-zag variable-length <c>long</c> (Avro specification, "Binary Encoding").</summary>
internal static class AvroVarint
{
    /// <summary>Reads a long; throws <see cref="EndOfStreamException"/> if the stream ends inside it.</summary>
    public static long ReadLong(Stream stream) => ReadLong(stream, stream.ReadByte());

    /// <summary>Reads a long whose first byte was already read (-1 = end of stream).</summary>
    public static long ReadLong(Stream stream, int firstByte)
    {
        ulong value = 0;
        var shift = 0;
        var b = firstByte;
        while (true)
        {
            if (b < 0)
                throw new EndOfStreamException();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                break;
            shift += 7;
            if (shift > 63)
                throw new AvroFormatException("corrupt varint: more than 10 bytes");
            b = stream.ReadByte();
        }
        return (long)(value >> 1) ^ -(long)(value & 1);
    }
}
