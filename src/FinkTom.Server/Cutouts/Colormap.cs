using System.Globalization;

namespace FinkTom.Server.Cutouts;

/// <summary>One colour stop of a colormap: position in [0, 1] and red, green, blue in [0, 1].</summary>
public readonly record struct ColorStop(double Position, double R, double G, double B)
{
    /// <summary>A stop from a <c>#rrggbb</c> colour.</summary>
    public static ColorStop Hex(double position, string rgb)
    {
        var value = int.Parse(rgb.AsSpan().TrimStart('#'), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new ColorStop(position, (value >> 16 & 0xff) / 255.0, (value >> 8 & 0xff) / 255.0, (value & 0xff) / 255.0);
    }
}

/// <summary>
/// A colormap as matplotlib applies one to a [0, 1] image: a 256-entry lookup table, entry i being the colour at
/// i/255 (here by linear interpolation between <see cref="ColorStop"/>s), value x → entry ⌊256·x⌋ (x = 1 → 255).
/// Alpha is always opaque.
/// </summary>
public sealed class Colormap
{
    public const int Entries = 256;

    private readonly byte[] _rgb; // Entries × (R, G, B)

    public Colormap(string name, IReadOnlyList<ColorStop> stops)
    {
        if (stops.Count < 2 || stops[0].Position != 0 || stops[^1].Position != 1)
        {
            throw new ArgumentException("A colormap needs at least two stops, the first at 0 and the last at 1.", nameof(stops));
        }
        Name = name;
        _rgb = new byte[Entries * 3];
        for (var i = 0; i < Entries; i++)
        {
            var (r, g, b) = Interpolate(stops, i / (Entries - 1.0));
            _rgb[i * 3] = ToByte(r);
            _rgb[i * 3 + 1] = ToByte(g);
            _rgb[i * 3 + 2] = ToByte(b);
        }
    }

    private Colormap(string name, byte[] rgb)
    {
        Name = name;
        _rgb = rgb;
    }

    /// <summary>The matplotlib name, e.g. <c>viridis</c> or <c>Greys_r</c>.</summary>
    public string Name { get; }

    /// <summary>The same colours in reverse order, named <c>{Name}_r</c> as in matplotlib.</summary>
    public Colormap Reversed()
    {
        var rgb = new byte[_rgb.Length];
        for (var i = 0; i < Entries; i++)
        {
            _rgb.AsSpan((Entries - 1 - i) * 3, 3).CopyTo(rgb.AsSpan(i * 3, 3));
        }
        return new Colormap(Name + "_r", rgb);
    }

    /// <summary>Writes the RGBA colour of <paramref name="x"/> (clipped to [0, 1], NaN as 0) into <paramref name="rgba"/>.</summary>
    public void Map(double x, Span<byte> rgba)
    {
        var index = double.IsNaN(x) || x <= 0 ? 0 : x >= 1 ? Entries - 1 : Math.Min((int)(x * Entries), Entries - 1);
        rgba[0] = _rgb[index * 3];
        rgba[1] = _rgb[index * 3 + 1];
        rgba[2] = _rgb[index * 3 + 2];
        rgba[3] = 255;
    }

    private static (double R, double G, double B) Interpolate(IReadOnlyList<ColorStop> stops, double x)
    {
        var upper = 1;
        while (upper < stops.Count - 1 && stops[upper].Position < x)
        {
            upper++;
        }
        var a = stops[upper - 1];
        var b = stops[upper];
        var t = b.Position > a.Position ? Math.Clamp((x - a.Position) / (b.Position - a.Position), 0, 1) : 1;
        return (a.R + t * (b.R - a.R), a.G + t * (b.G - a.G), a.B + t * (b.B - a.B));
    }

    // Truncated like Fink's uint8(cmap(x)·255); the tolerance keeps an exact stop k/255 at k despite rounding error.
    private static byte ToByte(double channel) => (byte)Math.Floor(Math.Clamp(channel, 0, 1) * 255 + 1e-9);
}
