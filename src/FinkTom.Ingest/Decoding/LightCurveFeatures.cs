using System.Collections;
using System.Globalization;
using System.Text;
using Avro;
using Avro.Generic;

namespace FinkTom.Ingest.Decoding;

/// <summary>
/// Fink's <c>lc_features_g</c>/<c>lc_features_r</c> (light-curve package features): the packets carry a record
/// (or map) of 26 named values; the API serves a string holding a JSON array of them in a fixed order
/// (contract fink-rest-api §4.2). NaN and missing values become JSON <c>null</c>.
/// </summary>
internal static class LightCurveFeatures
{
    /// <summary>The 26 features in the order of the API's JSON array (contract §4.2).</summary>
    public static readonly string[] Names =
    [
        "mean", "weighted_mean", "standard_deviation", "median", "amplitude", "beyond_1_std", "cusum",
        "inter_percentile_range_10", "kurtosis", "linear_trend", "linear_trend_sigma", "linear_trend_noise",
        "linear_fit_slope", "linear_fit_slope_sigma", "linear_fit_reduced_chi2", "magnitude_percentage_ratio_40_5",
        "magnitude_percentage_ratio_20_10", "maximum_slope", "median_absolute_deviation",
        "median_buffer_range_percentage_10", "percent_amplitude", "mean_variance", "anderson_darling_normal", "chi2",
        "skew", "stetson_K",
    ];

    /// <summary>Field positions of <see cref="Names"/> in a features record schema (-1 when absent).</summary>
    public static int[] Positions(RecordSchema schema) => Names.Select(n => AvroSchemas.Position(schema, n)).ToArray();

    /// <summary>The JSON array string for a packet value, or null when the packet had none (a record of nulls is none:
    /// Fink's record is not nullable, so that is how its livestream, and FinkTom's, say "no features"). <paramref name="field"/>
    /// gives the feature positions precomputed for the schema the field was declared with.</summary>
    public static string? ToJson(object? value, LightCurveField? field = null) => value switch
    {
        null => null,
        string s => s, // already serialised by an older writer
        GenericRecord record when record.Schema.Fields.All(f => record.GetValue(f.Pos) is null) => null,
        GenericRecord record => Write(
            ReferenceEquals(record.Schema, field?.Schema) ? field!.FeaturePositions! : Positions(record.Schema),
            pos => pos < 0 ? null : record.GetValue(pos)),
        IDictionary<string, object> map => Write(Indexes, i => map.TryGetValue(Names[i], out var v) ? v : null),
        IList list when list.Count == Names.Length => Write(Indexes, i => list[i]),
        _ => null,
    };

    internal static readonly int[] Indexes = Enumerable.Range(0, Names.Length).ToArray();

    /// <summary>Writes <c>[valueAt(keys[0]), …]</c> for the 26 keys.</summary>
    internal static string Write(int[] keys, Func<int, object?> valueAt)
    {
        var json = new StringBuilder(26 * 20);
        json.Append('[');
        for (var i = 0; i < Names.Length; i++)
        {
            if (i > 0)
                json.Append(',');
            AppendNumber(json, valueAt(keys[i]));
        }
        return json.Append(']').ToString();
    }

    private static void AppendNumber(StringBuilder json, object? value)
    {
        switch (value)
        {
            case double d when double.IsFinite(d):
                json.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case float f when float.IsFinite(f):
                json.Append(f.ToString("R", CultureInfo.InvariantCulture)); // the float's own digits, not its widened double
                break;
            case int or long:
                json.Append(System.Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            default:
                json.Append("null");
                break;
        }
    }
}
