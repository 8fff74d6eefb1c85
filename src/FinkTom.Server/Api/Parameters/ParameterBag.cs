using System.Globalization;
using System.Text.Json;
using FinkTom.Core.Api;

namespace FinkTom.Server.Api.Parameters;

/// <summary>
/// The parameters of one request, read as Fink reads them (contract §1.1): from the URL query string when it
/// is not empty, otherwise from a JSON object body. Values become strings the way Python's <c>str()</c> would
/// print them (JSON <c>true</c> → <c>True</c>), trimmed of the stray spaces some clients send.
/// </summary>
public sealed class ParameterBag
{
    /// <summary>Bodies above this are refused with a 400: a list of ids needs no more (see <see cref="EndpointSpec.MaxBodyBytes"/>).</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    private readonly Dictionary<string, string> _values;

    private ParameterBag(Dictionary<string, string> values) => _values = values;

    public IReadOnlyCollection<string> Names => _values.Keys;

    public bool IsEmpty => _values.Count == 0;

    public bool Has(string name) => _values.ContainsKey(name);

    /// <summary>The trimmed value, or null when absent or empty.</summary>
    public string? Get(string name) => _values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;

    public static ParameterBag FromPairs(IEnumerable<KeyValuePair<string, string>> pairs) =>
        new(pairs.ToDictionary(p => p.Key, p => p.Value.Trim(), StringComparer.Ordinal));

    /// <summary>Reads and validates the request's parameters against <paramref name="spec"/>; an error names the culprit.</summary>
    public static async Task<(ParameterBag? Bag, FinkError? Error)> ReadAsync(HttpRequest request, EndpointSpec spec, CancellationToken cancellationToken)
    {
        ParameterBag bag;
        if (request.Query.Count > 0 || !HttpMethods.IsPost(request.Method))
        {
            // A nameless pair (`?=x`, `{"": 1}`) is no parameter at all: skipped, as Fink ignores what it does not read.
            bag = new(request.Query.Where(q => q.Key.Length > 0).ToDictionary(q => q.Key, q => q.Value.ToString().Trim(), StringComparer.Ordinal));
        }
        else
        {
            var (body, error) = await ReadJsonBodyAsync(request, spec.MaxBodyBytes, cancellationToken);
            if (error is not null)
                return (null, error);
            bag = body!;
        }

        if (bag.IsEmpty && spec.Parameters.Any(p => p.Required))
            return (null, new FinkError($"No parameters given. {spec.Summary}: see `args` for the parameters, and /openapi/v1.json.",
                spec.Parameters.First(p => p.Required).Name) { Args = spec.Help });
        foreach (var name in bag.Names)
            if (!spec.Accepts(name))
                return (null, new FinkError(
                    $"Unknown parameter `{name}` for {spec.Path}. Accepted: {string.Join(", ", spec.Parameters.Select(p => p.Name))}.", name));
        foreach (var required in spec.Parameters.Where(p => p.Required))
            if (bag.Get(required.Name) is null)
                return (null, new FinkError($"A value for `{required.Name}` is required.", required.Name) { Args = spec.Help });
        return (bag, null);
    }

    private static async Task<(ParameterBag?, FinkError?)> ReadJsonBodyAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBodyBytes)
            return (null, new FinkError($"Request body of {request.ContentLength} bytes exceeds the {maxBodyBytes / 1024} KiB limit."));
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBodyBytes)
                return (null, new FinkError($"Request body exceeds the {maxBodyBytes / 1024} KiB limit."));
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            return (new ParameterBag(new(StringComparer.Ordinal)), null);
        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, new FinkError("The request body must be a JSON object of parameters, e.g. {\"objectId\": \"ZTF21abfmbix\"}."));
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
                if (property.Value.ValueKind != JsonValueKind.Null && property.Name.Length > 0)
                    values[property.Name] = AsText(property.Value).Trim();
            return (new ParameterBag(values), null);
        }
        catch (JsonException e)
        {
            return (null, new FinkError($"The request body is not valid JSON: {e.Message}"));
        }
    }

    /// <summary>A JSON value as the text Fink's Python code would compare: <c>True</c>/<c>False</c>, numbers as written,
    /// lists joined by commas (so <c>["ZTF1", "ZTF2"]</c> works as an id list).</summary>
    private static string AsText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "True",
        JsonValueKind.False => "False",
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(AsText)),
        _ => value.GetRawText(),
    };
}
