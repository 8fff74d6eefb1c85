using CsCheck;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;
using FinkTom.Core.Surveys.Lsst.Tags;
using FinkTom.Tests.Fuzz;
using static FinkTom.Tests.Surveys.Lsst.Tags.RubinAlerts;

namespace FinkTom.Tests.Surveys.Lsst.Tags;

/// <summary>
/// Random Rubin alerts never make the tag evaluator throw: each input starts from an alert that passes one tag (so the
/// cutout decoding, rate sampling, airmass and cosmology are reached) and gets awkward values (null, NaN, ±∞, type
/// limits, labels, wrong types) in the columns the tags read, random previous diaSources, and a random, broken or
/// edited FITS cutout. Every <c>t:</c> column then holds a boolean.
/// </summary>
public sealed class TagEvaluatorPropertyTests
{
    private static readonly Func<Alert>[] Baselines =
        [Good, BrightRising, NearGalaxy, FastRiser, SnLike, Flare, () => Trail(Source(30, 6, 1.5)),
            () => NearGalaxy().With("f:xm_legacydr8_zphot", 0.05f)];

    // The columns the blocks and tags read, and any other column now and then.
    private static readonly string[] ReadColumns =
    [
        "r:diaSourceId", "r:midpointMjdTai", "r:ra", "r:dec", "r:band", "r:psfFlux", "r:psfFluxErr", "r:snr", "r:isNegative",
        "r:templateFlux", "r:trailLength", "r:trailFlux", "r:nDiaSources", "f:xm_simbad_otype", "f:xm_gaiadr3_DR3Name",
        "f:xm_gaiadr3_Plx", "f:xm_gaiadr3_e_Plx", "f:xm_legacydr8_zphot", "f:xm_vsx_Type", "f:xm_mangrove_lum_dist",
        "f:xm_tns_fullname", "f:clf_snnSnVsOthers_score", "f:clf_cats_class", "f:clf_cats_score", "f:clf_elephant_kstest_template",
        "f:is_sso", "f:firstDiaSourceMjdTaiFink",
        .. QualityFlags.Select(f => "r:" + f),
        .. new[] { "u", "g", "r", "i", "z", "y" }.SelectMany(b => new[] { $"r:{b}_psfFluxMean", $"r:{b}_psfFluxMeanErr", $"r:{b}_psfFluxNdata", $"r:{b}_psfFluxMax" }),
    ];

    private static readonly Gen<string> Column = Gen.Frequency(
        (6, Gen.OneOf(ReadColumns)),
        (1, Gen.OneOf(Survey.Lsst.Catalog.Stored.Select(c => c.Name).ToArray())));

    private static readonly Gen<object?> AnyFloat = Gen.Frequency<object?>(
        (3, Gen.OneOf(0f, -0f, 1f, -1f, 0.1f, 0.7f, 0.9f, 0.95f, 2f, 5f, 6f, 10f, 18f, 21f, -99f, 1e4f, 3.6e4f, 1e5f, float.NaN,
            float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue, float.Epsilon).Select(f => (object?)f)),
        (2, Gen.Float.Select(f => (object?)f)));

    private static readonly Gen<object?> AnyDouble = Gen.Frequency<object?>(
        (3, Gen.OneOf(0.0, -0.0, 1.0, -1.0, 60_999.0, 61_000.0, 61_000.1, 90.0, -90.0, 360.0, 1e308, -1e308, double.NaN,
            double.PositiveInfinity, double.NegativeInfinity, double.Epsilon).Select(d => (object?)d)),
        (2, Gen.Double.Select(d => (object?)d)));

    private static readonly Gen<object?> AnyText = Gen.Frequency<object?>(
        (3, Gen.OneOf("", "u", "g", "r", "i", "z", "y", "x", "Galaxy", "Unknown", "Fail", "Fail 504", "RRAB", "SN Ia", "Transient",
            "Gaia DR3 1", "SN 2026a").Select(s => (object?)s)),
        (1, Gen.String.Select(s => (object?)s)));

    private static Gen<object?> ValueFor(ColumnType type) => Gen.Frequency(
        (2, Gen.Const<object?>((object?)null)),
        (1, Gen.OneOf<object?>(Gen.Const<object?>("wrong type"), AnyFloat, AnyDouble, Gen.Const<object?>(true))),
        (8, type switch
        {
            ColumnType.Float => AnyFloat,
            ColumnType.Double => AnyDouble,
            ColumnType.Int => Gen.OneOf(Gen.OneOf(0, 1, 2, 4, 5, 6, 11, 12, -1, int.MinValue, int.MaxValue), Gen.Int).Select(i => (object?)i),
            ColumnType.Long => Gen.OneOf(Gen.OneOf(0L, 113L, -113L, 1_000L, long.MinValue, long.MaxValue), Gen.Long).Select(l => (object?)l),
            ColumnType.Bool => Gen.Bool.Select(b => (object?)b),
            _ => AnyText,
        }));

    private static readonly Gen<(string, object?)> Edit = Column.SelectMany(name =>
        ValueFor(Survey.Lsst.Catalog.Get(name).Type).Select(value => (name, value)));

    private static readonly Gen<Previous> PreviousSource = Gen.Select(
        Gen.OneOf<string?>("u", "g", "r", "i", "z", "y", null, "x"),
        Gen.Frequency((4, Gen.Double[0, 30]), (1, Gen.OneOf(0.0, -1.0, 1.0 / 6, 2.0, double.NaN, double.PositiveInfinity, 1e300))),
        AnyFloat, AnyFloat, AnyFloat,
        (band, days, flux, error, template) => new Previous(band, days, flux as float?, error as float?, template as float?));

    private static readonly Gen<float[,]> Pixels = Gen.Select(Gen.Int[1, 20], Gen.Int[1, 20], Gen.Int, (w, h, seed) => (w, h, seed))
        .SelectMany(size => AnyFloat.Array[size.w * size.h].Select(values =>
        {
            var image = new float[size.h, size.w];
            for (var i = 0; i < values.Length; i++)
                image[i / size.w, i % size.w] = values[i] as float? ?? 0;
            return image;
        }));

    private static readonly Gen<CardEdit> Card = Gen.Select(
        Gen.OneOf("SIMPLE", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "BZERO", "BSCALE", "BLANK", "END"), FitsCards.Value,
        (keyword, value) => new CardEdit(keyword, value));

    private static readonly Gen<byte[]?> Cutout = Gen.Frequency<byte[]?>(
        (2, Gen.Const<byte[]?>((byte[]?)null)),
        (1, Gen.Byte.Array[0, 4000].Select(b => (byte[]?)b)),
        (2, Pixels.Select(p => (byte[]?)Fits(p))),
        (2, Card.Array[1, 3].Select(edits => (byte[]?)FitsCards.Apply(Fits(Source(30, 6, 1.5)), edits))),
        (2, Mutations.Edits(4).Select(edits => (byte[]?)Mutations.Apply(Fits(Source(30, 6, 1.5)), edits))));

    private static readonly Gen<TagInput> Input = Gen.Select(
        Gen.Int[0, Baselines.Length - 1], Edit.Array[0, 8], PreviousSource.Array[0, 5], Gen.Bool, Cutout,
        (baseline, edits, previous, replaceCutout, cutout) => new TagInput(baseline, edits, previous, replaceCutout, cutout));

    [Fact]
    public void Random_alerts_never_make_the_tag_evaluator_throw()
    {
        var passed = new FuzzTally(); // how often each tag still passes: the costly branches are reached
        FuzzRun.Check(Input, input =>
        {
            var alert = input.Build();
            Bounded.Run(() =>
            {
                LsstTagEvaluator.Apply(alert);
                foreach (var block in LsstBlockPredicates.ByName.Values)
                    block(alert);
                return 0;
            });
            Assert.All(LsstTags.All, t => Assert.IsType<bool>(alert[t.Column]));
            foreach (var tag in LsstTags.All.Where(t => alert[t.Column] is true))
                passed.Add(tag.Name);
        }, ci: 3000);
        passed.Log();
    }

    public readonly record struct Previous(string? Band, double DaysBefore, float? Flux, float? FluxErr, float? TemplateFlux);

    public sealed record TagInput(int Baseline, (string Column, object? Value)[] Edits, Previous[] PreviousSources, bool ReplaceCutout,
        byte[]? Cutout)
    {
        public Alert Build()
        {
            var alert = Baselines[Baseline]();
            foreach (var (column, value) in Edits)
                alert = alert.With(column, value);
            foreach (var p in PreviousSources)
                alert = alert.WithPrevious(p.Band, p.DaysBefore, p.Flux, p.FluxErr, p.TemplateFlux);
            return ReplaceCutout ? alert.WithCutout(Cutout) : alert;
        }

        public override string ToString() =>
            $"baseline {Baseline}; edits {string.Join(", ", Edits.Select(e => $"{e.Column}={e.Value ?? "null"}"))}; " +
            $"previous [{string.Join(", ", PreviousSources)}]; cutout {(ReplaceCutout ? Cutout?.Length.ToString() ?? "null" : "kept")}";
    }
}
