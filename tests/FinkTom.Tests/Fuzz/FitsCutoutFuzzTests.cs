using System.IO.Compression;
using CsCheck;
using FinkTom.Server.Cutouts;
using FinkTom.Tests.Cutouts;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// The FITS stamp reader (<see cref="FitsImage"/>) on mutated stamps of a real alert and on small images of every BITPIX:
/// header cards (BITPIX, NAXIS, NAXISn, BZERO, BSCALE, BLANK) set to awkward values, bytes edited before or after gzip,
/// cut short. An image (which renders as a PNG and as arrays) or a <see cref="FitsFormatException"/>, nothing else.
/// </summary>
public sealed class FitsCutoutFuzzTests
{
    private static readonly byte[][] Stamps = [SampleStamps.Science, SampleStamps.Template, SampleStamps.Difference];

    private static readonly string[] Keywords = ["SIMPLE", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "BZERO", "BSCALE", "BLANK", "END"];

    /// <summary>The real stamps, plain; and 3×2 images with each BITPIX and scaling cards.</summary>
    private static readonly Lazy<byte[][]> Plain = new(() =>
    [
        .. Stamps.Select(FitsImage.Decompress),
        .. new[] { 8, 16, 32, -32, -64 }.Select(bitpix => TestFits.Build(3, 2, bitpix, new byte[6 * Math.Abs(bitpix) / 8],
            "BZERO   =                32768", "BSCALE  =                  2.0", "BLANK   =                   -1")),
    ]);

    private static readonly Gen<CardEdit[]> Cards = Gen.Select(Gen.OneOf(Keywords), FitsCards.Value, (k, v) => new CardEdit(k, v)).Array[0, 3];

    private static readonly Gen<(int Base, CardEdit[] Cards, ByteEdit[] Fits, bool Gzip, ByteEdit[] Zipped)> Cases = Gen.Select(
        Gen.Int[0, 7], Cards, Gen.Frequency<ByteEdit[]>((2, Gen.Const(Array.Empty<ByteEdit>())), (1, Mutations.Edits(3))), Gen.Bool,
        Gen.Frequency<ByteEdit[]>((3, Gen.Const(Array.Empty<ByteEdit>())), (1, Mutations.Edits(2))));

    [Fact]
    public void Mutated_stamps_read_as_an_image_or_a_fits_format_error()
    {
        var tally = new FuzzTally();
        FuzzRun.Check(Cases, input =>
        {
            var (index, cards, fits, gzip, zipped) = input;
            var plain = Mutations.Apply(FitsCards.Apply(Plain.Value[index % Plain.Value.Length], cards, searchBytes: 2880), fits);
            Read(gzip ? Mutations.Apply(Gzip(plain), zipped) : plain, tally);
        }, ci: 1500, print: i => $"stamp {i.Base} cards [{string.Join(", ", i.Cards)}] fits [{string.Join(", ", i.Fits)}] gzip {i.Gzip} [{string.Join(", ", i.Zipped)}]");
        tally.Log();
    }

    [Fact]
    public void Edits_of_the_gzipped_stamps_as_alerts_carry_them_read_as_an_image_or_a_fits_format_error() =>
        FuzzRun.Check(Gen.Select(Gen.Int[0, 2], Mutations.Edits(4)), input => Read(Mutations.Apply(Stamps[input.Item1], input.Item2), new FuzzTally()),
            ci: 500, print: i => $"stamp {i.Item1} [{string.Join(", ", i.Item2)}]");

    [Fact]
    public void Random_bytes_are_no_stamp() =>
        FuzzRun.Check(Gen.Frequency<byte[]>((2, Gen.Byte.Array[0, 6000]), (1, Gen.Byte.Array[0, 3000].Select(b => new byte[] { 0x1f, 0x8b }.Concat(b).ToArray()))),
            bytes => Read(bytes, new FuzzTally()), ci: 500);

    private static void Read(byte[] stamp, FuzzTally tally) => Bounded.Run(() =>
    {
        FitsImage image;
        try
        {
            image = FitsImage.Read(stamp);
        }
        catch (FitsFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            tally.Add("format error");
            return;
        }
        Assert.Equal(image.Width * image.Height, image.Pixels.Length);
        // What /cutouts does with it: arrays, and a PNG with every stretch, smoothed or not, in grey or colour.
        CutoutArrays.ToRows(image);
        foreach (var stretch in Enum.GetValues<Stretch>())
            CutoutRenderer.RenderPng(image, new CutoutRenderOptions(stretch, stretch == Stretch.Log ? Colormaps.TryGet("viridis", out var c) ? c : null : null,
                stretch == Stretch.Sqrt ? ConvolutionKernel.Gauss : ConvolutionKernel.None));
        tally.Add("image");
    });

    private static byte[] Gzip(byte[] data)
    {
        using var zipped = new MemoryStream();
        using (var gz = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(data);
        return zipped.ToArray();
    }
}
