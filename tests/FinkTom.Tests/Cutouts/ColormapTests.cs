using FinkTom.Server.Cutouts;

namespace FinkTom.Tests.Cutouts;

public class ColormapTests
{
    private static byte[] Colour(string name, double x)
    {
        Assert.True(Colormaps.TryGet(name, out var map), name);
        var rgba = new byte[4];
        map.Map(x, rgba);
        return rgba;
    }

    [Theory]
    [InlineData("Greys", 0, "ffffff")]
    [InlineData("Greys", 1, "000000")]
    [InlineData("gray", 0, "000000")]
    [InlineData("gray", 1, "ffffff")]
    [InlineData("viridis", 0, "440154")]
    [InlineData("viridis", 1, "fde725")]
    [InlineData("viridis_r", 0, "fde725")]
    [InlineData("magma", 1, "fcfdbf")]
    [InlineData("Blues", 1, "08306b")]
    [InlineData("hot", 1, "ffffff")]
    [InlineData("hot", 0.5, "ff5b00")]
    public void Maps_values_to_matplotlib_colours(string name, double x, string rgb)
    {
        Assert.Equal(Convert.FromHexString(rgb + "ff"), Colour(name, x));
    }

    [Fact]
    public void Quantises_to_256_entries_like_matplotlib()
    {
        // gray: entry i is i/255; x lands in entry floor(256·x).
        Assert.Equal(127, Colour("gray", 0.499)[0]);
        Assert.Equal(128, Colour("gray", 0.5)[0]);
        Assert.Equal(0, Colour("gray", double.NaN)[0]);
        Assert.Equal(255, Colour("gray", 2)[0]);
    }

    [Fact]
    public void Offers_the_documented_names_and_their_reversals()
    {
        string[] required = ["Greys", "gray", "viridis", "plasma", "inferno", "magma", "cividis", "Blues", "Reds", "Greens", "hot"];
        Assert.All(required, name => Assert.Contains(name, Colormaps.Names));
        Assert.All(required, name => Assert.Contains(name + "_r", Colormaps.Names));
        Assert.False(Colormaps.TryGet("VIRIDIS", out _), "matplotlib names are case-sensitive");
    }
}
