using System.Text.Json;
using FinkTom.Core.Model;

namespace FinkTom.Server.Cutouts;

/// <summary>
/// The <c>output-format=array</c> answer of <c>/api/v1/cutouts</c> (contract §2.6): stamps as 2-D arrays of floats
/// (rows of floats, row 0 = first FITS row, as numpy reads them), in a JSON object keyed
/// <c>b:cutout{Kind}_stampData</c> with keys sorted as Flask's JSON provider sorts them.
/// </summary>
public static class CutoutArrays
{
    /// <summary>The stamp's pixels as rows of floats (NaN kept; the JSON writer turns it into null).</summary>
    public static float[][] ToRows(FitsImage image)
    {
        var rows = new float[image.Height][];
        for (var y = 0; y < rows.Length; y++)
        {
            rows[y] = image.Pixels.AsSpan(y * image.Width, image.Width).ToArray();
        }
        return rows;
    }

    /// <summary>The column name of a stamp, e.g. <c>b:cutoutScience_stampData</c>.</summary>
    public static string ColumnName(CutoutKind kind) => $"b:cutout{kind}_stampData";

    /// <summary>
    /// Writes <c>{"b:cutoutDifference_stampData": [[…]], "b:cutoutScience_stampData": [[…]], …}</c>. NaN is written
    /// as <c>null</c>: Fink's Python JSON writes a bare <c>NaN</c>, which is not JSON and which strict parsers reject.
    /// </summary>
    public static async Task WriteJsonAsync(Stream output, IReadOnlyDictionary<CutoutKind, float[][]> stamps,
        CancellationToken cancellationToken = default, Func<CutoutKind, string>? columnName = null)
    {
        await using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        foreach (var (name, rows) in stamps.Select(s => ((columnName ?? ColumnName)(s.Key), s.Value)).OrderBy(s => s.Item1, StringComparer.Ordinal))
        {
            json.WritePropertyName(name);
            json.WriteStartArray();
            foreach (var row in rows)
            {
                json.WriteStartArray();
                foreach (var value in row)
                {
                    if (float.IsFinite(value))
                    {
                        json.WriteNumberValue(value);
                    }
                    else
                    {
                        json.WriteNullValue();
                    }
                }
                json.WriteEndArray();
            }
            json.WriteEndArray();
            await json.FlushAsync(cancellationToken);
        }
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }
}
