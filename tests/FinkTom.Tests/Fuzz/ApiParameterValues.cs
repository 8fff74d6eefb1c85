using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;
using FinkTom.Core.Model;
using FinkTom.Server.Api;
using FinkTom.Server.Api.Endpoints;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Cutouts;
using FinkTom.Server.Tables;
using FinkTom.Tests.SkyMaps;

namespace FinkTom.Tests.Fuzz;

/// <summary>
/// Requests to the <c>/api/v1</c> endpoints built from their documented parameter names: values that are valid,
/// mutated, of the wrong type or at the edges, sent as a query string (duplicate keys, odd encodings) or as a JSON
/// body (numbers, booleans, lists, nesting, duplicate keys, non-objects, broken JSON).
/// </summary>
internal static class ApiParameterValues
{
    public static readonly EndpointSpec[] Specs =
    [
        ObjectsEndpoint.Spec, ConeSearchEndpoint.Spec, LatestsEndpoint.Spec, CutoutsEndpoint.Spec, SsoEndpoint.Spec,
        AnomalyEndpoint.Spec, SkyMapEndpoint.Spec, TrackletEndpoint.Spec, ExplorerEndpoint.Spec,
    ];

    // Ids of alerts in the bundled samples, so that some requests find data (cutouts, objects).
    private static readonly string[] ObjectIds = ["ZTF19acihgng", "ZTF18abecvir", "ZTF19acxxwrs", "ZTF21aaxtctv", "ZTF17aaaaaaa", "ZTF"];

    private static readonly string[] Candids = ["1060135832015015002", "0", "-1", "9223372036854775807", "9223372036854775808", "1e5", "12.0", " 1 "];

    private static readonly Gen<string> Numeric = Gen.Frequency<string>(
        (3, Gen.OneOf("0", "1", "-1", "5", "0.5", "10", "10.0", "10.5", "18000", "18000.0000001", "100000", "100001", "2147483647", "2147483648",
            "-2147483649", "1e3", "1e308", "1e309", "-1e309", "NaN", "Infinity", "-Infinity", "∞", "0x10", "1_000", "1,5", "٥", "")),
        (1, Gen.Double.Select(d => d.ToString("R", CultureInfo.InvariantCulture))),
        (1, Gen.Long.Select(l => l.ToString(CultureInfo.InvariantCulture))));

    private static readonly Gen<string> Boolean = Gen.OneOf("True", "False", "true", "false", "1", "0", "yes", "no", "TRUE", "maybe", "", "None");

    private static readonly Gen<string> Columns = Gen.Frequency<string>(
        (3, Gen.OneOf(ColumnCatalog.Stored.Select(c => c.Name).Concat(QueryTimeColumns.Names).ToArray()).Array[1, 6].Select(c => string.Join(",", c))),
        (1, Gen.OneOf("*", "", ",", "i:magpsf,,i:jd", "i:nosuch", "b:cutoutScience_stampData", "i:ra ,  i:dec", "v:separation_degree", "*,i:jd")));

    private static readonly Gen<string> ClassName = Gen.Frequency<string>(
        (3, Gen.OneOf(new ClassCatalog().FinkClasses.ToArray())),
        (1, Gen.OneOf("(SIMBAD) RRLyr", "(TNS) SN Ia", "(TNS) nosuch", "(CTA) Blazar low state", "Unknown", "RRLyr", "(SIMBAD) ", "")));

    private static readonly Gen<string> Coordinate = Gen.OneOf("193.821739", "12h55m17.218s", "12:55:17.218", "193d49m18.267s", "+02:53:50.3",
        "2d53m50.3s", "-89.9999", "90", "-90.1", "360", "0", "-0", "23:59:59.999999", "24:00:00", "12 55 17", "١٢:٣٠:٠٠", "1e400");

    private static readonly Lazy<string> ToyMap = new(() =>
        GravitationalWaveMapTests.PythonLiteral(ToySkyMap.Write(Enumerable.Repeat(1.0 / 12, 12).ToArray())));

    /// <summary>A plausible value for a parameter of this name, or something close to it.</summary>
    public static Gen<string> For(string name) => Gen.Frequency<string>(
        (6, Plausible(name)),
        (2, Gen.Select(Plausible(name), Mutations.Edits(3), Mutations.Apply)),
        (1, Mutations.AwkwardText));

    private static Gen<string> Plausible(string name) => name switch
    {
        "objectId" => Gen.Frequency<string>((4, Gen.OneOf(ObjectIds)), (1, Gen.OneOf(ObjectIds).Array[2, 5].Select(i => string.Join(",", i))),
            (1, Gen.Int[900, 1200].Select(n => string.Join(",", Enumerable.Repeat("ZTF19acihgng", n))))),
        "candid" => Gen.OneOf(Candids),
        "ra" or "dec" => Gen.Frequency<string>((3, Gen.OneOf(Coordinate)), (1, Numeric)),
        "radius" or "n" or "window" or "pmin" or "pmax" or "credible_level" or "n_day_before" or "n_day_after" => Numeric,
        "startdate" or "stopdate" or "start_date" or "stop_date" => DateParsingFuzzTests.Text,
        "date" => Gen.OneOf("2021-10-22 09:19:49 00", "2021-10-22", "2021-10-22 09", "2021-10-22 09:19", " 2021-10-22 ", "2021-13-45",
            "9999-99-99 99:99:99 99", "٢٠٢١-١٠-٢٢", "2021-10-22\n"),
        "id" => Gen.OneOf("TRCK_20211022_091949_00", "TRCK_20211022", "TRCK_2021", "TRCK_20211022_", "TRCK_99999999_999999_99",
            "TRCK_٢٠٢١١٠٢٢", "TRCK_20211022_091949_00\n", "trck_20211022"),
        "columns" => Columns,
        "output-format" => Gen.OneOf("json", "csv", "parquet", "votable", "FITS", "PNG", "array", "JSON", "", "xml"),
        "withupperlim" or "withcutouts" or "withEphem" or "withResiduals" or "color" => Boolean,
        "kind" or "cutout-kind" => Gen.OneOf("Science", "Template", "Difference", "All", "science", ""),
        "stretch" => Gen.OneOf(CutoutParameters.StretchNames.Append("").Append("Linear").ToArray()),
        "colormap" => Gen.OneOf(Colormaps.Names.Take(6).Append("").Append("nosuch").Append("viridis_r_r").ToArray()),
        "convolution_kernel" => Gen.OneOf("gauss", "box", "", "Gauss", "tophat"),
        "class" => ClassName,
        "trend" => Gen.OneOf("rising", "fading", "low_state", "new_low_state", "", "up"),
        "n_or_d" => Gen.Frequency<string>((3, Gen.OneOf("8467", "2010JO69", "2010 JO69", "1", "", "None")),
            (1, Gen.Int[95, 110].Select(n => string.Join(",", Enumerable.Range(1, n))))),
        "bayestar" => Gen.Frequency<string>((2, Gen.Const(() => ToyMap.Value)), (1, Gen.Select(Gen.Const(() => ToyMap.Value), Mutations.Edits(3), Mutations.Apply)),
            (1, Gen.OneOf("b''", "b'\\x1f'", "b'abc", "'abc'", "b'\\xzz'", "b'\\q'", "b'\\"))),
        "event_name" => Gen.OneOf("S200219ac", "", "x"),
        // Fink's LSST API (/lsst/api/v1).
        "diaObjectId" => Gen.Frequency<string>((4, Gen.OneOf(LsstObjectIds)), (1, Gen.OneOf(LsstObjectIds).Array[2, 5].Select(i => string.Join(",", i))),
            (1, Gen.Int[900, 1200].Select(n => string.Join(",", Enumerable.Repeat(LsstObjectIds[0], n))))),
        "diaSourceId" => Gen.OneOf("170094456272322680", "0", "-1", "9223372036854775807", "9223372036854775808", "1e5", " 1 ", "ldfksjflkdsjf"),
        "midpointMjdTai" or "major_version" or "minor_version" or "nmax" => Numeric,
        "tag" => Gen.OneOf(FinkTom.Core.Surveys.Lsst.LsstTags.All.Select(t => t.Name).Append("nosuch").Append("").Append("IN_TNS").ToArray()),
        "endpoint" => Gen.OneOf("/api/v1/sources", "/api/v1/objects", "/api/v1/fp", "/api/v1/conesearch", "/api/v1/cutouts", "/api/v1/sso",
            "/api/v1/tags", "/api/v1/statistics", "/api/v1/nothing", "", "/lsst/api/v1/sources"),
        "resolver" => Gen.OneOf("simbad", "ssodnet", "tns", "SIMBAD", "", "nosuch"),
        "name_or_id" => Gen.OneOf(LsstObjectIds.Append("21163624394469969").Append("2004 JQ12").Append("K04J12Q").Append("SN 2022and").ToArray()),
        "reverse" => Boolean,
        _ => Mutations.AwkwardText,
    };

    // Rubin objects of the bundled sample, an id that is no number, and ids beyond 64 bits.
    private static readonly string[] LsstObjectIds = ["170028485706776685", "313893023095193658", "ldfksjflkdsjf", "9223372036854775808", "-1", "0"];

    /// <summary>Names to send: the endpoint's own (some twice), sometimes an unknown one.</summary>
    private static Gen<string[]> Names(EndpointSpec spec) => Gen.Frequency<string[]>(
        (6, Gen.Shuffle(spec.Parameters.Select(p => p.Name).ToArray(), 0, spec.Parameters.Count)),
        (1, Gen.Select(Gen.Shuffle(spec.Parameters.Select(p => p.Name).ToArray(), 1, spec.Parameters.Count), Gen.OneOf(spec.Parameters.Select(p => p.Name).ToArray()),
            (names, again) => names.Append(again).ToArray())),
        (1, Gen.Select(Gen.Shuffle(spec.Parameters.Select(p => p.Name).ToArray(), 0, 3), Gen.OneOf("nosuch", "ObjectId", "RA", "", "columns ", "$top", "n[]"),
            (names, odd) => names.Append(odd).ToArray())));

    /// <summary>Name-value pairs for an endpoint: mostly a valid request with at most one odd value, otherwise any
    /// names (repeated, unknown, missing) with any values.</summary>
    public static Gen<(string Name, string Value)[]> Pairs(EndpointSpec spec) => Gen.Frequency<(string Name, string Value)[]>(
        (3, MostlyValid(spec)),
        (1, Names(spec).SelectMany(names => Sequence(names.Select(n => For(n).Select(v => (n, v))).ToList()))));

    private static Gen<(string Name, string Value)[]> MostlyValid(EndpointSpec spec)
    {
        var required = spec.Parameters.Where(p => p.Required).Select(p => p.Name).ToArray();
        var optional = spec.Parameters.Where(p => !p.Required && p.Name != "event_name").Select(p => p.Name).ToArray();
        return Gen.Shuffle(optional, 0, optional.Length).SelectMany(chosen =>
        {
            var names = required.Concat(chosen).ToArray();
            return Gen.Select(Sequence(names.Select(n => Valid(n, spec)).ToList()), Gen.Int[-2 * names.Length - 2, Math.Max(0, names.Length - 1)],
                    Gen.OneOf(names.Length == 0 ? ["n"] : names).SelectMany(For), (values, odd, oddValue) =>
                    names.Select((n, i) => (n, i == odd ? oddValue : values[i])).ToArray());
        });
    }

    private static readonly Lazy<FinkTom.Core.Model.Alert> SampleAlert = new(() => FinkTom.Tests.Ingest.SampleFiles.Single(FinkTom.Tests.Ingest.SampleFiles.Ztf19acihgng));

    /// <summary>A value the endpoint accepts, so that requests reach the store and the writers, not only the checks.</summary>
    private static Gen<string> Valid(string name, EndpointSpec spec) => name switch
    {
        "objectId" => Gen.OneOf(ObjectIds.Take(4).Append("ZTF19acihgng,ZTF18abecvir").ToArray()),
        "diaObjectId" => Gen.OneOf("170028485706776685", "313893023095193658", "170028485706776685,313893023095193658"),
        "diaSourceId" => Gen.OneOf("170094456272322680", "170094456480989258"),
        "tag" => Gen.OneOf("in_tns", "hostless_candidate", "most_likely_sn"),
        "endpoint" => Gen.OneOf("/api/v1/sources", "/api/v1/objects", "/api/v1/fp", "/api/v1/conesearch", "/api/v1/cutouts", "/api/v1/statistics"),
        "major_version" => Gen.OneOf("10", "11"),
        "minor_version" => Gen.OneOf("0"),
        "resolver" => Gen.OneOf("ssodnet", "simbad", "tns"),
        "name_or_id" => Gen.OneOf("21163624394469969", "170028485706776685"),
        "reverse" => Gen.OneOf("True"),
        "nmax" => Gen.OneOf("1", "10"),
        "midpointMjdTai" => Gen.OneOf("61105.093643486834", "61105"),
        "n_or_d" when spec.Path.StartsWith("/lsst/", StringComparison.Ordinal) => Gen.OneOf("2004 JQ12", "K04J12Q", "2004 JQ12,K20S88J"),
        "date" when spec.Path.StartsWith("/lsst/", StringComparison.Ordinal) => Gen.OneOf("", "2026", "202603", "20260306"),
        "kind" when spec.Path.EndsWith("/conesearch", StringComparison.Ordinal) => Gen.OneOf("within", "across"),
        "columns" when spec.Path.StartsWith("/lsst/", StringComparison.Ordinal) => Gen.OneOf("*", "r:diaObjectId,r:ra", "r:midpointMjdTai,r:psfFlux,r:band"),
        "ra" when spec.Path.StartsWith("/lsst/", StringComparison.Ordinal) => Gen.OneOf("63.349628499442076", "03h33m00.33s"),
        "dec" when spec.Path.StartsWith("/lsst/", StringComparison.Ordinal) => Gen.OneOf("-47.18075801654059", "-27d51m39.74s"),
        "candid" => Gen.OneOf("1060135832015015002"),
        "ra" => Gen.Const(() => SampleAlert.Value.Ra.ToString("R", CultureInfo.InvariantCulture)),
        "dec" => Gen.Const(() => SampleAlert.Value.Dec.ToString("R", CultureInfo.InvariantCulture)),
        "radius" => Gen.OneOf("5", "60", "18000", "0.5"),
        "n" => Gen.OneOf("1", "10", "1000"),
        "startdate" or "start_date" => Gen.OneOf("2019-11-01", "2019-11-01 00:00:00", "2458788.5", "58788", "2018-01-01T00:00:00"),
        "stopdate" or "stop_date" => Gen.OneOf("2030-01-01", "2460000.5", "60000", "2021-12-31 23:59:59.999"),
        "window" => Gen.OneOf("1", "30", "0.5", "180"),
        "columns" => Gen.OneOf("i:objectId,i:jd,i:magpsf", "*", "i:candid", "v:lastdate,i:ra", "d:classification"),
        "output-format" when spec.Path.EndsWith("/cutouts", StringComparison.Ordinal) => Gen.OneOf("PNG", "FITS", "array"),
        "output-format" => Gen.OneOf("json", "csv", "parquet", "votable"),
        "withupperlim" or "withcutouts" or "color" => Gen.OneOf("True", "False"),
        "withEphem" or "withResiduals" => Gen.OneOf("False"),
        "kind" or "cutout-kind" => Gen.OneOf("Science", "Template", "Difference"),
        "stretch" => Gen.OneOf(CutoutParameters.StretchNames.ToArray()),
        "colormap" => Gen.OneOf(Colormaps.Names.Take(10).ToArray()),
        "convolution_kernel" => Gen.OneOf("gauss", "box"),
        "pmin" => Gen.OneOf("0.5", "1"),
        "pmax" => Gen.OneOf("99.5", "99"),
        "class" => Gen.OneOf("Unknown", "QSO", "RRLyr", "(SIMBAD) RRLyr", "Solar System MPC", "EB*"),
        "trend" => Gen.OneOf("rising", "fading"),
        "n_or_d" => Gen.OneOf("8467", "2010JO69", "2010 JO69,8467"),
        "date" => Gen.OneOf("2021-10-22", "2021-10-22 09", "2023-10-18"),
        "id" => Gen.OneOf("TRCK_20211022", "TRCK_20211022_091949_00"),
        "bayestar" => Gen.Const(() => ToyMap.Value),
        "credible_level" => Gen.OneOf("0.9", "0.5", "1"),
        "n_day_before" or "n_day_after" => Gen.OneOf("1", "6", "30"),
        _ => For(name),
    };

    /// <summary>One value from each generator, in order.</summary>
    public static Gen<T[]> Sequence<T>(IReadOnlyList<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, gen) => all.SelectMany(values => gen.Select(v => values.Append(v).ToArray())));

    /// <summary>A query string of the pairs, percent-encoded, sometimes with raw or broken escapes.</summary>
    public static Gen<string> Query((string Name, string Value)[] pairs) => Gen.Frequency<int>((6, Gen.Const(0)), (1, Gen.Int[1, 3])).Select(style => string.Join("&", pairs.Select(p => style switch
    {
        0 => $"{Escape(p.Name)}={Escape(p.Value)}",
        1 => $"{Escape(p.Name)}={Escape(p.Value).Replace("%20", "+")}%",
        2 => $"{Escape(p.Name)}={Escape(p.Value)}%FF%C0%80%ED%B0%80", // invalid UTF-8, an encoded lone surrogate
        _ => $"{Escape(p.Name)}={Escape(p.Value)}&{Escape(p.Name)}&=&&",
    })));

    // Percent-encoded UTF-8; a lone surrogate (which has none) becomes U+FFFD first.
    private static string Escape(string text) => Uri.EscapeDataString(new string(text.Select((c, i) =>
        char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
        || char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])) ? '\uFFFD' : c).ToArray()));

    /// <summary>A JSON body holding the pairs as JSON values of varied types (numbers when they parse as JSON numbers).</summary>
    public static Gen<string> JsonBody((string Name, string Value)[] pairs) =>
        Gen.Select(Gen.Int[0, 7].Array[pairs.Length], Gen.Frequency<int>((1, Gen.Int[0, 5]), (2, Gen.Const(6))), (shapes, frame) =>
        {
            var members = pairs.Select((p, i) => $"{JsonSerializer.Serialize(p.Name)}:{JsonValue(p.Value, shapes[i])}");
            var body = "{" + string.Join(",", members) + "}";
            return frame switch
            {
                0 => "[" + body + "]",
                1 => body[..Math.Max(0, body.Length - 1)],
                2 => "\"" + body + "\"",
                3 => new string('[', 2000) + new string(']', 2000),
                4 => body + body,
                5 => "",
                _ => body,
            };
        });

    private static string JsonValue(string value, int shape) => shape switch
    {
        0 or 1 => JsonSerializer.Serialize(value),
        2 when IsJsonNumber(value) => value,
        2 => JsonSerializer.Serialize(value),
        3 => JsonSerializer.Serialize(value.Split(',')),
        4 => value.ToLowerInvariant() switch { "true" or "1" => "true", "false" or "0" => "false", _ => "null" },
        5 => $"{{\"v\":{JsonSerializer.Serialize(value)}}}",
        6 => new string('[', 70) + JsonSerializer.Serialize(value) + new string(']', 70),
        _ => "1" + new string('0', 400),
    };

    private static bool IsJsonNumber(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Number;
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return false; // not JSON, or not even UTF-16 (a lone surrogate)
        }
    }

    /// <summary>UTF-8 bytes of a body.</summary>
    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
