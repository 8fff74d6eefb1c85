using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Server.Cutouts;

namespace FinkTom.Tests.Cutouts;

public class CutoutArraysTests
{
    [Fact]
    public void Rows_are_the_stamp_pixels_row_by_row()
    {
        var image = FitsImage.Read(SampleStamps.Science);
        var rows = CutoutArrays.ToRows(image);

        Assert.Equal(63, rows.Length);
        Assert.All(rows, row => Assert.Equal(63, row.Length));
        Assert.Equal(image[10, 20], rows[10][20]);
        Assert.Equal(image.Pixels, rows.SelectMany(r => r));
    }

    [Fact]
    public async Task Json_has_sorted_stamp_keys_and_null_for_nan()
    {
        var stamps = new Dictionary<CutoutKind, float[][]>
        {
            [CutoutKind.Science] = [[1.5f, float.NaN]],
            [CutoutKind.Template] = [[2f]],
            [CutoutKind.Difference] = [[-0.25f]],
        };
        var output = new MemoryStream();
        await CutoutArrays.WriteJsonAsync(output, stamps);

        var root = JsonDocument.Parse(output.ToArray()).RootElement;
        Assert.Equal(
            ["b:cutoutDifference_stampData", "b:cutoutScience_stampData", "b:cutoutTemplate_stampData"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("[[1.5,null]]", root.GetProperty("b:cutoutScience_stampData").GetRawText());
    }
}
