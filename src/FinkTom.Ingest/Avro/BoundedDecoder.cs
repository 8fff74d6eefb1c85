using Avro;
using Avro.IO;

namespace FinkTom.Ingest.Avro;

/// <summary>
/// Apache.Avro's binary decoder with every length the data declares checked against the bytes left before anything is
/// allocated for it. Apache.Avro 1.12 allocates what a string length or an array count says: one corrupt byte in a
/// record made it allocate 1.8 GB. A string or bytes value cannot be longer than the bytes left, and an array or map
/// block cannot hold more items than bytes left (every item of an alert's arrays and maps takes at least one byte).
/// </summary>
internal sealed class BoundedDecoder(MemoryStream stream) : global::Avro.IO.Decoder
{
    private readonly BinaryDecoder _inner = new(stream);

    private long Remaining => stream.Length - stream.Position;

    private long Fits(long count, string what) => count >= 0 && count <= Remaining
        ? count
        : throw new AvroException($"{what} of {count} cannot fit in the {Remaining} bytes left");

    public byte[] ReadBytes()
    {
        var bytes = new byte[Fits(_inner.ReadLong(), "a length")];
        _inner.ReadFixed(bytes);
        return bytes;
    }

    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes());

    public long ReadArrayStart() => Fits(_inner.ReadArrayStart(), "an array block");

    public long ReadArrayNext() => Fits(_inner.ReadArrayNext(), "an array block");

    public long ReadMapStart() => Fits(_inner.ReadMapStart(), "a map block");

    public long ReadMapNext() => Fits(_inner.ReadMapNext(), "a map block");

    public void ReadNull() => _inner.ReadNull();

    public bool ReadBoolean() => _inner.ReadBoolean();

    public int ReadInt() => _inner.ReadInt();

    public long ReadLong() => _inner.ReadLong();

    public float ReadFloat() => _inner.ReadFloat();

    public double ReadDouble() => _inner.ReadDouble();

    public int ReadEnum() => _inner.ReadEnum();

    public int ReadUnionIndex() => _inner.ReadUnionIndex();

    public void ReadFixed(byte[] buffer) => _inner.ReadFixed(buffer);

    public void ReadFixed(byte[] buffer, int start, int length) => _inner.ReadFixed(buffer, start, length);

    public void SkipNull() => _inner.SkipNull();

    public void SkipBoolean() => _inner.SkipBoolean();

    public void SkipInt() => _inner.SkipInt();

    public void SkipLong() => _inner.SkipLong();

    public void SkipFloat() => _inner.SkipFloat();

    public void SkipDouble() => _inner.SkipDouble();

    public void SkipBytes() => _inner.SkipBytes();

    public void SkipString() => _inner.SkipString();

    public void SkipEnum() => _inner.SkipEnum();

    public void SkipUnionIndex() => _inner.SkipUnionIndex();

    public void SkipFixed(int len) => _inner.SkipFixed(len);
}
