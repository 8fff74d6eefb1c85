namespace FinkTom.Server.Cutouts;

/// <summary>
/// The colormaps <c>/cutouts</c> accepts (contract §2.6: a matplotlib colormap name, matched case-sensitively as
/// matplotlib does), each also reversed with the <c>_r</c> suffix. Fink accepts any matplotlib name; we carry a
/// documented subset. Colours come from matplotlib's tables (ColorBrewer for the sequential ones): the perceptual
/// maps are sampled at 10 or 11 evenly spaced points and interpolated linearly, which stays within a few 8-bit levels of
/// matplotlib; <c>gray</c>, <c>binary</c> and <c>hot</c> are exact (they are piecewise linear in matplotlib too).
/// </summary>
public static class Colormaps
{
    private static readonly Colormap[] Base = BaseMaps();

    private static readonly Colormap[] All = [.. Base, .. Base.Select(m => m.Reversed())];

    private static readonly Dictionary<string, Colormap> ByName = All.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>Every accepted name: the base maps, then their <c>_r</c> reversals.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(m => m.Name).ToArray();

    public static bool TryGet(string name, out Colormap colormap) => ByName.TryGetValue(name, out colormap!);

    private static Colormap[] BaseMaps() =>
    [
        Evenly("Greys", "ffffff", "f0f0f0", "d9d9d9", "bdbdbd", "969696", "737373", "525252", "252525", "000000"),
        Evenly("gray", "000000", "ffffff"),
        Evenly("grey", "000000", "ffffff"),
        Evenly("binary", "ffffff", "000000"),
        Evenly("viridis", "440154", "482576", "414487", "35608d", "2a788e", "21908c", "22a884", "43bf71", "7ad151", "bbdf27", "fde725"),
        Evenly("plasma", "0d0887", "41049d", "6a00a8", "8f0da4", "b12a90", "cc4678", "e16462", "f1834b", "fca636", "fcce25", "f0f921"),
        Evenly("inferno", "000004", "160b39", "420a68", "6a176e", "932667", "bb3754", "dd513a", "f3771a", "fca50a", "f6d645", "fcffa4"),
        Evenly("magma", "000004", "140e36", "3b0f70", "641a80", "8c2981", "b63679", "de4968", "f7705c", "fe9f6d", "fecf92", "fcfdbf"),
        Evenly("cividis", "00204d", "00336f", "39486b", "575c6d", "707173", "8a8779", "a69d75", "c4b56c", "e4cf5b", "ffea46"),
        Evenly("Blues", "f7fbff", "deebf7", "c6dbef", "9ecae1", "6baed6", "4292c6", "2171b5", "08519c", "08306b"),
        Evenly("Reds", "fff5f0", "fee0d2", "fcbba1", "fc9272", "fb6a4a", "ef3b2c", "cb181d", "a50f15", "67000d"),
        Evenly("Greens", "f7fcf5", "e5f5e0", "c7e9c0", "a1d99b", "74c476", "41ab5d", "238b45", "006d2c", "00441b"),
        Evenly("Oranges", "fff5eb", "fee6ce", "fdd0a2", "fdae6b", "fd8d3c", "f16913", "d94801", "a63603", "7f2704"),
        Evenly("Purples", "fcfbfd", "efedf5", "dadaeb", "bcbddc", "9e9ac8", "807dba", "6a51a3", "54278f", "3f007d"),
        // matplotlib's segment data for `hot`: red ramps first, then green, then blue.
        new Colormap("hot",
        [
            new ColorStop(0, 0.0416, 0, 0),
            new ColorStop(0.365079, 1, 0, 0),
            new ColorStop(0.746032, 1, 1, 0),
            new ColorStop(1, 1, 1, 1),
        ]),
    ];

    private static Colormap Evenly(string name, params string[] hexColours) =>
        new(name, hexColours.Select((hex, i) => ColorStop.Hex(i / (hexColours.Length - 1.0), hex)).ToArray());
}
