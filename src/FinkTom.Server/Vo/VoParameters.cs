namespace FinkTom.Server.Vo;

/// <summary>
/// The parameters of a VO request, from the query string and a form body together. DALI: parameter names are
/// case-insensitive (<c>QUERY</c>, <c>query</c>), values are not.
/// </summary>
public sealed class VoParameters
{
    private readonly Dictionary<string, string> _values;

    private VoParameters(Dictionary<string, string> values) => _values = values;

    public static async Task<VoParameters> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in request.Query)
            values.TryAdd(key, value.ToString());
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            foreach (var (key, value) in form)
                values.TryAdd(key, value.ToString());
        }
        return new VoParameters(values);
    }

    public static VoParameters Of(IReadOnlyDictionary<string, string> values) =>
        new(new Dictionary<string, string>(values, StringComparer.OrdinalIgnoreCase));

    public string? this[string name] => _values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public IReadOnlyDictionary<string, string> All => _values;

    /// <summary>A number parameter, or the error that names it.</summary>
    public double? Number(string name, out string? error)
    {
        error = null;
        if (this[name] is not { } text)
            return null;
        if (double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
            return value;
        error = $"{name.ToUpperInvariant()} must be a number, not '{text}'.";
        return null;
    }
}
