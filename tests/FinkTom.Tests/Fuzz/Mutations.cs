using System.Text;
using CsCheck;

namespace FinkTom.Tests.Fuzz;

public enum EditKind
{
    /// <summary>XOR one byte with a value.</summary>
    Flip,
    /// <summary>Overwrite one byte.</summary>
    Set,
    /// <summary>Cut the input at a position.</summary>
    Truncate,
    /// <summary>Remove a range.</summary>
    Delete,
    /// <summary>Copy a range and insert it again (duplicated blocks, repeated records).</summary>
    Duplicate,
    /// <summary>Insert a run of one byte value.</summary>
    Insert,
    /// <summary>Overwrite with an Avro zig-zag varint of an interesting number (huge, negative, just over a limit).</summary>
    Varint,
    /// <summary>Overwrite with the decimal text of an interesting number (FITS cards, JSON, query values).</summary>
    Digits,
}

/// <summary>One edit of a byte string. Positions are taken modulo the length, so an edit applies to any input and
/// shrinks towards the start.</summary>
public readonly record struct ByteEdit(EditKind Kind, int At, int Length, byte Value, long Number)
{
    public override string ToString() => Kind switch
    {
        EditKind.Flip or EditKind.Set => $"{Kind} @{At} 0x{Value:x2}",
        EditKind.Truncate => $"Truncate @{At}",
        EditKind.Delete or EditKind.Duplicate => $"{Kind} @{At} +{Length}",
        EditKind.Insert => $"Insert @{At} {Length}×0x{Value:x2}",
        _ => $"{Kind} @{At} {Number}",
    };
}

/// <summary>Generators of edits and of awkward values, and how edits apply to bytes and text.</summary>
internal static class Mutations
{
    /// <summary>Numbers at the edges parsers get wrong: signs, type limits, 64 MiB block caps, HEALPix pixel counts.</summary>
    public static readonly long[] Interesting =
    [
        0, 1, -1, 2, 7, 8, 63, 64, 127, 128, 255, 256, 2880, 65535, 65536, 12 * 512 * 512, 12 * 1024 * 1024, 12 * 2048 * 2048,
        (64L << 20) - 1, 64L << 20, (64L << 20) + 1, int.MaxValue, int.MinValue, (long)int.MaxValue + 1, uint.MaxValue,
        1L << 40, 1L << 53, long.MaxValue, long.MinValue, long.MinValue + 1, -(1L << 31), -2880,
    ];

    public static readonly Gen<long> Number = Gen.Frequency(
        (3, Gen.OneOf(Interesting)),
        (1, Gen.Long),
        (1, Gen.Int[-1000, 1000].Select(i => (long)i)));

    // Positions: mostly near the start (headers), sometimes anywhere.
    private static readonly Gen<int> Position = Gen.Frequency((2, Gen.Int[0, 512]), (1, Gen.Int[0, 8192]), (2, Gen.Int[0, int.MaxValue]));

    private static readonly Gen<byte> AwkwardByte = Gen.Frequency(
        (2, Gen.OneOf<byte>(0x00, 0xff, 0x80, 0x7f, 0x01, 0x20, 0x27, 0x22, 0x5c, 0x2f, 0x3d, 0x0a)),
        (3, Gen.Byte));

    public static readonly Gen<ByteEdit> Edit = Gen.Frequency(
        (4, Gen.Select(Position, Gen.OneOf<byte>(1, 2, 4, 8, 16, 32, 64, 128, 0xff), (at, v) => new ByteEdit(EditKind.Flip, at, 1, v, 0))),
        (3, Gen.Select(Position, AwkwardByte, (at, v) => new ByteEdit(EditKind.Set, at, 1, v, 0))),
        (1, Position.Select(at => new ByteEdit(EditKind.Truncate, at, 0, 0, 0))),
        (1, Gen.Select(Position, Gen.Int[1, 4096], (at, n) => new ByteEdit(EditKind.Delete, at, n, 0, 0))),
        (1, Gen.Select(Position, Gen.Int[1, 4096], (at, n) => new ByteEdit(EditKind.Duplicate, at, n, 0, 0))),
        (1, Gen.Select(Position, Gen.Int[1, 256], AwkwardByte, (at, n, v) => new ByteEdit(EditKind.Insert, at, n, v, 0))),
        (2, Gen.Select(Position, Number, (at, n) => new ByteEdit(EditKind.Varint, at, 0, 0, n))),
        (1, Gen.Select(Position, Number, (at, n) => new ByteEdit(EditKind.Digits, at, 0, 0, n))));

    /// <summary>One to <paramref name="max"/> edits.</summary>
    public static Gen<ByteEdit[]> Edits(int max = 6) => Edit.Array[1, max];

    public static byte[] Apply(byte[] input, IEnumerable<ByteEdit> edits)
    {
        var data = new List<byte>(input);
        foreach (var edit in edits)
            Apply(data, edit);
        return data.ToArray();
    }

    private static void Apply(List<byte> data, ByteEdit edit)
    {
        var at = data.Count == 0 ? 0 : edit.At % data.Count;
        switch (edit.Kind)
        {
            case EditKind.Flip when data.Count > 0:
                data[at] ^= edit.Value;
                break;
            case EditKind.Set when data.Count > 0:
                data[at] = edit.Value;
                break;
            case EditKind.Truncate:
                data.RemoveRange(at, data.Count - at);
                break;
            case EditKind.Delete:
                data.RemoveRange(at, Math.Min(edit.Length, data.Count - at));
                break;
            case EditKind.Duplicate:
                data.InsertRange(at, data.GetRange(at, Math.Min(edit.Length, data.Count - at)));
                break;
            case EditKind.Insert:
                data.InsertRange(at, Enumerable.Repeat(edit.Value, edit.Length));
                break;
            case EditKind.Varint:
                Overwrite(data, at, Varint(edit.Number));
                break;
            case EditKind.Digits:
                Overwrite(data, at, Encoding.ASCII.GetBytes(edit.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                break;
        }
    }

    private static void Overwrite(List<byte> data, int at, byte[] bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (at + i < data.Count)
                data[at + i] = bytes[i];
            else
                data.Add(bytes[i]);
        }
    }

    /// <summary>Avro's zig-zag varint of a long.</summary>
    public static byte[] Varint(long value)
    {
        var bytes = new List<byte>(10);
        var zigzag = (ulong)((value << 1) ^ (value >> 63));
        while (zigzag >= 0x80)
        {
            bytes.Add((byte)(zigzag | 0x80));
            zigzag >>= 7;
        }
        bytes.Add((byte)zigzag);
        return bytes.ToArray();
    }

    /// <summary>Edits of text: the same edits over its UTF-16 characters (bytes become Latin-1 characters).</summary>
    public static string Apply(string text, IEnumerable<ByteEdit> edits)
    {
        var chars = new List<char>(text);
        foreach (var edit in edits)
        {
            var at = chars.Count == 0 ? 0 : edit.At % chars.Count;
            switch (edit.Kind)
            {
                case EditKind.Flip when chars.Count > 0:
                    chars[at] = (char)(chars[at] ^ edit.Value);
                    break;
                case EditKind.Set when chars.Count > 0:
                    chars[at] = (char)edit.Value;
                    break;
                case EditKind.Truncate:
                    chars.RemoveRange(at, chars.Count - at);
                    break;
                case EditKind.Delete:
                    chars.RemoveRange(at, Math.Min(edit.Length, chars.Count - at));
                    break;
                case EditKind.Duplicate:
                    chars.InsertRange(at, chars.GetRange(at, Math.Min(edit.Length, chars.Count - at)));
                    break;
                case EditKind.Insert:
                    chars.InsertRange(at, Enumerable.Repeat((char)edit.Value, Math.Min(edit.Length, 64)));
                    break;
                default:
                    chars.InsertRange(at, edit.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    break;
            }
        }
        return new string(chars.ToArray());
    }

    /// <summary>Characters that break naive parsers: controls, quotes, separators, non-ASCII digits and letters, surrogates.</summary>
    public static readonly Gen<char> AwkwardChar = Gen.Frequency(
        (6, Gen.Char[' ', '~']),
        (2, Gen.Char["\0\t\n\r\u000b\f '\"\\/:;,.+-eE_()[]{}%&=?#*$@!<>|`^~"]),
        (1, Gen.Char["\u00a0\u2007\u202f\u3000\u0660\u0661\u0669\u06f1\u0966\u0967\uff11\uff10\u00b2\u00b9\u2212\u2013\u00e9\u0130\u0131\u212a\ufeff"]),
        (1, Gen.Char["\ud800\udc00\udfff\ufffd\uffff"]),
        (1, Gen.Char));

    /// <summary>Short random text over <see cref="AwkwardChar"/>.</summary>
    public static readonly Gen<string> AwkwardText = Gen.String[AwkwardChar, 0, 40];
}
