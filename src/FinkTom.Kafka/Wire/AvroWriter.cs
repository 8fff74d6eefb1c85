using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace FinkTom.Kafka.Wire;

/// <summary>Avro binary encoding of the primitives (specification §"Binary Encoding"): zig-zag varints, little-endian
/// IEEE floats, length-prefixed bytes and UTF-8 strings. Writes into a reusable buffer.</summary>
internal sealed class AvroWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public void Reset() => _buffer.ResetWrittenCount();

    public void Long(long value)
    {
        var n = (ulong)((value << 1) ^ (value >> 63));
        var span = _buffer.GetSpan(10);
        var i = 0;
        while (n >= 0x80)
        {
            span[i++] = (byte)(n | 0x80);
            n >>= 7;
        }
        span[i++] = (byte)n;
        _buffer.Advance(i);
    }

    public void Int(int value) => Long(value);

    public void Bool(bool value)
    {
        _buffer.GetSpan(1)[0] = value ? (byte)1 : (byte)0;
        _buffer.Advance(1);
    }

    public void Float(float value)
    {
        BinaryPrimitives.WriteSingleLittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        Long(value.Length);
        _buffer.Write(value);
    }

    public void String(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        Long(length);
        var span = _buffer.GetSpan(length);
        Encoding.UTF8.GetBytes(value, span);
        _buffer.Advance(length);
    }

    /// <summary>Every livestream field is a <c>["type", "null"]</c> union: branch 0 = a value, 1 = null.</summary>
    public void Present() => Long(0);

    public void Null() => Long(1);
}
