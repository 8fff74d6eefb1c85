using System.Globalization;

namespace FinkTom.Server.SkyMaps;

/// <summary>
/// Fink's <c>/skymap</c> takes the file as Python's <c>str(bytes)</c> (<c>b'\x1f\x8b...'</c>), which Fink <c>eval</c>s.
/// FinkTom reads that notation without evaluating anything: printable ASCII as is, and the escapes Python writes.
/// </summary>
public static class PythonBytesLiteral
{
    public static bool TryParse(string text, out byte[] bytes, out string? error)
    {
        bytes = [];
        text = text.Trim();
        if (text.Length < 3 || text[0] != 'b' || (text[1] != '\'' && text[1] != '"') || text[^1] != text[1])
        {
            error = "must be the file as Python writes bytes, str(open(path, 'rb').read()): b'...'";
            return false;
        }
        var output = new MemoryStream(text.Length / 2);
        for (var i = 2; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (c > 0x7e || c < 0x20)
            {
                error = $"holds the character U+{(int)c:X4} at {i}, which Python never writes in bytes";
                return false;
            }
            if (c != '\\')
            {
                output.WriteByte((byte)c);
                continue;
            }
            if (++i >= text.Length - 1)
            {
                error = "ends inside an escape";
                return false;
            }
            switch (text[i])
            {
                case '\\': output.WriteByte((byte)'\\'); break;
                case '\'': output.WriteByte((byte)'\''); break;
                case '"': output.WriteByte((byte)'"'); break;
                case 'n': output.WriteByte(10); break;
                case 'r': output.WriteByte(13); break;
                case 't': output.WriteByte(9); break;
                case 'a': output.WriteByte(7); break;
                case 'b': output.WriteByte(8); break;
                case 'f': output.WriteByte(12); break;
                case 'v': output.WriteByte(11); break;
                case 'x' when i + 2 < text.Length - 1
                    && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value):
                    output.WriteByte(value);
                    i += 2;
                    break;
                default:
                    error = $"has an unknown escape '\\{text[i]}' at {i - 1}";
                    return false;
            }
        }
        bytes = output.ToArray();
        error = null;
        return true;
    }
}
