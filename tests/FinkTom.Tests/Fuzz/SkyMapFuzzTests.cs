using System.IO.Compression;
using CsCheck;
using System.Text.Json.Nodes;
using FinkTom.Server.SkyMaps;
using FinkTom.Tests.SkyMaps;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// The gravitational-wave sky map reader (<see cref="GravitationalWaveMap"/>) and the Python bytes literal it arrives in
/// (<see cref="PythonBytesLiteral"/>): random bytes; small maps and the real S200219ac map with header cards (NAXIS2, TFORM,
/// NSIDE, ORDERING, ...) set to awkward values, bytes edited before or after gzip, or cut short; literals with bad escapes.
/// A map (whose credible regions can be computed) or a <see cref="FormatException"/>, within 5 s and 256 MiB.
/// </summary>
public sealed class SkyMapFuzzTests
{
    private static readonly string[] Keywords =
        ["SIMPLE", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "XTENSION", "TFIELDS", "TFORM1", "TFORM2", "TFORM3", "TTYPE1", "TTYPE2", "NSIDE",
         "ORDERING", "INDXSCHM", "DATE-OBS", "MJD-OBS", "OBJECT", "PCOUNT"];

    private static readonly Gen<CardEdit[]> CardEdits = Gen.Select(Gen.OneOf(Keywords), FitsCards.Value, (k, v) => new CardEdit(k, v)).Array[0, 3];

    /// <summary>A small map: NSIDE 1 to 8, PROB as E or D, one or several pixels a row, in any order.</summary>
    internal static readonly Gen<byte[]> ToyMap = Gen.Select(Gen.OneOf(1, 2, 4, 8), Gen.OneOf('D', 'E'), Gen.OneOf(1, 2, 4, 12),
        Gen.OneOf("NESTED", "RING"), (nside, type, repeat, ordering) =>
        {
            var pixels = 12 * nside * nside;
            var probability = Enumerable.Range(0, pixels).Select(p => (p % 7 + 1) / (double)(4 * pixels)).ToArray();
            return ToySkyMap.Write(probability, ordering: ordering, type: type, repeat: repeat, gzip: false);
        });

    private static readonly Gen<(byte[] Map, CardEdit[] Cards, ByteEdit[] Fits, bool Gzip, ByteEdit[] Zipped)> ToyCases =
        Gen.Select(ToyMap, CardEdits,
            Gen.Frequency<ByteEdit[]>((3, Gen.Const(Array.Empty<ByteEdit>())), (1, Mutations.Edits(3))), Gen.Bool,
            Gen.Frequency<ByteEdit[]>((4, Gen.Const(Array.Empty<ByteEdit>())), (1, Mutations.Edits(2))));

    [Fact]
    public void Small_maps_with_edited_headers_and_bytes_read_as_a_map_or_a_format_error()
    {
        var tally = new FuzzTally();
        FuzzRun.Check(ToyCases, input =>
        {
            var (map, cards, fits, gzip, zipped) = input;
            var file = Mutations.Apply(FitsCards.Apply(map, cards), fits);
            ReadMap(gzip ? Mutations.Apply(Gzip(file), zipped) : file, tally);
        }, ci: 1500, print: i => $"cards [{string.Join(", ", i.Cards)}] fits [{string.Join(", ", i.Fits)}] gzip {i.Gzip} [{string.Join(", ", i.Zipped)}]");
        tally.Log();
    }

    [Fact]
    public void Random_bytes_are_not_a_sky_map() =>
        FuzzRun.Check(Gen.Frequency<byte[]>((2, Gen.Byte.Array[0, 6000]), (1, Gen.Byte.Array[0, 3000].Select(b => new byte[] { 0x1f, 0x8b }.Concat(b).ToArray()))),
            bytes => ReadMap(bytes, new FuzzTally()), ci: 500);

    // The real map, ungzipped once; each input gzips its edited headers and appends the data as a second gzip member.
    private static readonly Lazy<(byte[] Headers, byte[] ZippedData)> RealMap = new(() =>
    {
        using var gz = new GZipStream(new MemoryStream(File.ReadAllBytes(GravitationalWaveMapTests.MapPath)), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        gz.CopyTo(plain);
        var fits = plain.ToArray();
        var end = HeadersEnd(fits);
        return (fits[..end], Gzip(fits[end..]));
    });

    [Fact]
    public void The_real_map_with_edited_header_cards_reads_as_a_map_or_a_format_error()
    {
        var tally = new FuzzTally();
        FuzzRun.Check(Gen.Select(CardEdits, Gen.Frequency<ByteEdit[]>((3, Gen.Const(Array.Empty<ByteEdit>())), (1, Mutations.Edits(2)))), input =>
        {
            var (cards, edits) = input;
            var (headers, data) = RealMap.Value;
            ReadMap([.. Gzip(Mutations.Apply(FitsCards.Apply(headers, cards), edits)), .. data], tally);
        }, ci: 6, threads: 1, print: i => $"cards [{string.Join(", ", i.Item1)}] header bytes [{string.Join(", ", i.Item2)}]");
        tally.Log();
    }

    [Fact]
    public void Python_bytes_literals_read_as_bytes_or_a_clear_error()
    {
        var literal = Gen.Frequency<string>(
            (3, ToyMap.Select(m => GravitationalWaveMapTests.PythonLiteral(Gzip(m)))),
            (2, Gen.Select(ToyMap.Select(m => GravitationalWaveMapTests.PythonLiteral(m)), Mutations.Edits(4), Mutations.Apply)),
            (1, Gen.OneOf("b''", "b\"\"", "b'", "b", "", "'abc'", "b'\\'", "b'\\x'", "b'\\x4'", "b'\\x4g'", "b'\\xzz'", "b'\\q'", "b'\\0'", "b'\\u0041'",
                "b'\\N{DASH}'", "b'\\\n'", "b'é'", "b'\\x1f\\x8b'", "B'abc'", "rb'abc'", "b'abc\"", " b'abc' ")),
            (1, Mutations.AwkwardText.Select(t => "b'" + t + "'")));
        FuzzRun.Check(literal, text =>
        {
            var (ok, bytes, error) = Bounded.Run(() => (PythonBytesLiteral.TryParse(text, out var b, out var e), b, e));
            if (!ok)
            {
                Assert.False(string.IsNullOrWhiteSpace(error));
                return;
            }
            ReadMap(bytes, new FuzzTally());
        }, ci: 1000, print: t => t.Length > 300 ? t[..300] + "…" : t);
    }

    private static void ReadMap(byte[] file, FuzzTally tally)
    {
        Bounded.Run(() =>
        {
            GravitationalWaveMap map;
            try
            {
                map = GravitationalWaveMap.Read(file);
            }
            catch (FormatException e)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                tally.Add("format error");
                return;
            }
            // What /skymap does next: the region at a level, tried on a few positions.
            var inside = map.CredibleRegion(0.9);
            foreach (var (ra, dec) in new[] { (0.0, 0.0), (359.999, -90.0), (180.0, 90.0), (12.3, 45.6) })
                inside(ra, dec);
            tally.Add("map");
        });
    }

    internal static byte[] Gzip(byte[] data)
    {
        using var zipped = new MemoryStream();
        using (var gz = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true))
            gz.Write(data);
        return zipped.ToArray();
    }

    // The end of the second header (the binary table's): data start at the next 2880-byte block after its END card.
    private static int HeadersEnd(byte[] fits)
    {
        var ends = 0;
        for (var at = 0; at + 80 <= fits.Length; at += 80)
        {
            if (System.Text.Encoding.ASCII.GetString(fits, at, 8).TrimEnd() == "END" && ++ends == 2)
                return (at / 2880 + 1) * 2880;
        }
        throw new InvalidOperationException("The sample map has no second header.");
    }
}

/// <summary><c>/api/v1/skymap</c> sent small maps whose event time, resolution or probabilities are odd (NaN or far-off
/// times, MJD-OBS instead of DATE-OBS, edited bytes), with any level and window: a 200 read whole, or a 400.</summary>
[Collection(FuzzServer.Name)]
public sealed class SkyMapHttpFuzzTests(FinkTomFactory factory)
{
    private readonly HttpClient _client = factory.CreateClient();

    private static readonly Gen<CardEdit[]> TimeEdits = Gen.Select(Gen.OneOf("DATE-OBS", "MJD-OBS", "NSIDE", "ORDERING", "OBJECT", "TFORM2"),
        Gen.Frequency<string>((2, Gen.OneOf("'2023-10-18T12:00:00'", "'2020-02-19T09:44:15.197'", "NaN", "1e308", "-1e308", "Infinity", "60235.5",
            "-2400000.5", "'not a date'", "''", "0", "'9999-12-31T23:59:59'", "'0001-01-01T00:00:00'")), (1, FitsCards.Value)),
        (k, v) => new CardEdit(k, v)).Array[0, 2];

    // NESTED maps, the only ones the endpoint reads, over the whole sky.
    private static readonly Gen<byte[]> Map = Gen.Select(Gen.OneOf(1, 2, 4, 8), Gen.OneOf('D', 'E'), (nside, type) =>
        ToySkyMap.Write(Enumerable.Repeat(1.0 / (12 * nside * nside), 12 * nside * nside).ToArray(), dateObs: "2023-10-18T12:00:00", type: type, gzip: false));

    private static readonly Gen<string> Bodies = Gen.Select(Map, Gen.OneOf<string?>(null, null, "60235.5", "NaN", "1e308", "-1e308", "Infinity", "0", "-2400000.5"), TimeEdits,
        Gen.Frequency<ByteEdit[]>((4, Gen.Const(Array.Empty<ByteEdit>())), (1, Mutations.Edits(2))),
        Gen.Frequency<string>((9, Gen.OneOf("0", "0.5", "0.9", "1")), (1, Gen.OneOf("1.5", "-0.1", "NaN", "x"))),
        Gen.Frequency<string?>((9, Gen.OneOf<string?>(null, "0", "1", "6", "30")), (1, Gen.OneOf<string?>("31", "-1", "1e308"))),
        Gen.Frequency<string?>((9, Gen.OneOf<string?>(null, "json", "csv", "parquet", "votable")), (1, Gen.OneOf<string?>("FITS"))),
        (map, mjd, cards, edits, level, days, format) =>
        {
            // MJD-OBS is read when DATE-OBS is absent or unreadable: turn the one card into the other.
            var fits = mjd is null ? map : FitsCards.Apply(map, [new CardEdit("DATE-OBS", mjd)]).Rename("DATE-OBS", "MJD-OBS");
            var file = SkyMapFuzzTests.Gzip(Mutations.Apply(FitsCards.Apply(fits, cards), edits));
            var body = new JsonObject { ["bayestar"] = GravitationalWaveMapTests.PythonLiteral(file), ["credible_level"] = level };
            if (days is not null)
                (body["n_day_before"], body["n_day_after"]) = (days, days);
            if (format is not null)
                body["output-format"] = format;
            return body.ToJsonString();
        });

    [Fact]
    public async Task Odd_sky_maps_posted_to_skymap_are_answered_200_or_400()
    {
        var tally = new FuzzTally();
        await FuzzRun.CheckAsync(Bodies, async body =>
        {
            var (status, mediaType, answer) = await FuzzServer.SendAsync(_client, FuzzServer.Post("/api/v1/skymap", ApiParameterValues.Utf8(body)));
            Assert.True(status is 200 or 400, $"HTTP {status}: {FuzzServer.Text(answer)}");
            var json = mediaType == "application/json" ? FuzzServer.Json(answer, body) : default;
            tally.Add(status == 400 ? $"400 {json.GetProperty("parameter").GetString()}: {string.Concat(json.GetProperty("text").GetString()!.Take(45))}" : $"{status}");
        }, ci: 300, print: body => body.Length > 400 ? body[..400] + "…" : body);
        tally.Log();
    }
}
