using System.Net.Http.Headers;

namespace FinkTom.Server.Formats;

/// <summary>Options of the table writers.</summary>
/// <param name="Ieee754Compatible">
/// JSON only: write 64-bit integer (<c>Long</c>) cells as JSON strings (<c>"3297294755815010006"</c>) instead of bare
/// numbers, so that JavaScript clients, whose numbers are doubles, do not lose digits. This is the OData
/// convention, asked for with <c>Accept: application/json;IEEE754Compatible=true</c>. Fink always writes bare integers.
/// </param>
public sealed record TableWriteOptions(bool Ieee754Compatible = false)
{
    public static TableWriteOptions Default { get; } = new();

    /// <summary>
    /// Options asked for by an <c>Accept</c> header: <see cref="Ieee754Compatible"/> when a JSON media range
    /// carries <c>IEEE754Compatible=true</c> (parameter name and value case-insensitive, as in OData).
    /// </summary>
    public static TableWriteOptions FromAcceptHeader(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Default;
        }
        foreach (var range in accept.Split(','))
        {
            if (!MediaTypeWithQualityHeaderValue.TryParse(range.Trim(), out var media))
            {
                continue;
            }
            var isJson = media.MediaType is { } type
                && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type == "*/*");
            if (isJson && media.Parameters.Any(p =>
                    p.Name.Equals("IEEE754Compatible", StringComparison.OrdinalIgnoreCase)
                    && string.Equals(p.Value?.Trim('"'), "true", StringComparison.OrdinalIgnoreCase)))
            {
                return new TableWriteOptions(Ieee754Compatible: true);
            }
        }
        return Default;
    }
}
