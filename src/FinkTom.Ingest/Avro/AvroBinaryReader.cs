using System.Buffers.Binary;
using System.Text;

namespace FinkTom.Ingest.Avro;

/// <summary>
/// Reads Avro binary encoding (Avro specification, "Binary Encoding") straight from a byte array, for the direct
/// alert decoder. Every length and count the data declares is checked against the bytes left before anything is
/// allocated or skipped, as <see cref="BoundedDecoder"/> does for Apache.Avro: corrupt bytes end in an
/// <see cref="AvroFormatException"/>, never in a huge allocation, a read past the end or a loop that does not end.
/// </summary>
internal sealed class AvroBinaryReader(byte[] buffer, int start, int end)
{
    /// <summary>How deep records may nest (only a recursive schema nests at all): deeper data is refused rather than
    /// overflowing the stack.</summary>
    private const int MaxDepth = 64;

    private int _position = start;
    private int _depth;

    public AvroBinaryReader(byte[] buffer) : this(buffer, 0, buffer.Length)
    {
    }

    public int Position => _position;

    public int Remaining => end - _position;

    public long ReadLong()
    {
        ulong value = 0;
        var shift = 0;
        while (true)
        {
            if (_position >= end)
                throw Truncated("a number");
            var b = buffer[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                break;
            shift += 7;
            if (shift > 63)
                throw new AvroFormatException("corrupt varint: more than 10 bytes");
        }
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    public int ReadInt()
    {
        var value = ReadLong();
        return value is >= int.MinValue and <= int.MaxValue ? (int)value : throw new AvroFormatException($"int value {value} out of range");
    }

    public bool ReadBoolean()
    {
        if (_position >= end)
            throw Truncated("a boolean");
        return buffer[_position++] switch
        {
            0 => false,
            1 => true,
            var b => throw new AvroFormatException($"not a boolean value: byte {b}"),
        };
    }

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(Take(4, "a float"));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8, "a double"));

    public string ReadString()
    {
        var length = Length("a string");
        var text = Encoding.UTF8.GetString(buffer, _position, length);
        _position += length;
        return text;
    }

    public byte[] ReadBytes() => Take(Length("a bytes value"), "a bytes value").ToArray();

    public void SkipBytes() => Skip(Length("a string or bytes value"));

    public void Skip(int count)
    {
        if (count < 0 || count > Remaining)
            throw Truncated($"{count} bytes");
        _position += count;
    }

    /// <summary>The item count of the next array or map block (0 ends it), its byte size skipped when given.</summary>
    public long ReadBlockCount()
    {
        var count = ReadLong();
        if (count < 0)
        {
            count = count == long.MinValue ? -1 : -count;
            ReadLong(); // the block's size in bytes: not needed
        }
        // Every item of an alert's arrays and maps takes at least one byte.
        return count >= 0 && count <= Remaining ? count : throw new AvroFormatException($"an array or map block of {count} items cannot fit in the {Remaining} bytes left");
    }

    /// <summary>A union's branch index, checked against the number of branches.</summary>
    public int ReadUnionIndex(int branches)
    {
        var index = ReadLong();
        return index >= 0 && index < branches ? (int)index : throw new AvroFormatException($"union branch {index} out of range (the schema has {branches})");
    }

    public void Enter()
    {
        if (++_depth > MaxDepth)
            throw new AvroFormatException($"records nested more than {MaxDepth} deep");
    }

    public void Leave() => _depth--;

    private int Length(string what)
    {
        var length = ReadLong();
        return length >= 0 && length <= Remaining ? (int)length : throw new AvroFormatException($"{what} of length {length} cannot fit in the {Remaining} bytes left");
    }

    private ReadOnlySpan<byte> Take(int count, string what)
    {
        if (count > Remaining)
            throw Truncated(what);
        var span = buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    private static AvroFormatException Truncated(string what) => new($"the data ends inside {what}");
}
