using System.Globalization;
using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Time;

namespace FinkTom.Server.Api.Parameters;

/// <summary>
/// Typed reads of a <see cref="ParameterBag"/>. The first invalid value is kept in <see cref="Error"/> with the
/// parameter's name and the reason; handlers read everything, then answer 400 if <see cref="Error"/> is set.
/// </summary>
public sealed class ParameterReader(ParameterBag bag)
{
    public FinkError? Error { get; private set; }

    /// <summary>Reads the request's parameters (<see cref="ParameterBag.ReadAsync"/>); null and the error when they are invalid.</summary>
    public static async Task<(ParameterReader? Reader, FinkError? Error)> ReadAsync(HttpRequest request, EndpointSpec spec, CancellationToken ct)
    {
        var (bag, error) = await ParameterBag.ReadAsync(request, spec, ct);
        return bag is null ? (null, error) : (new ParameterReader(bag), null);
    }

    public ParameterBag Bag => bag;

    public string? String(string name) => bag.Get(name);

    public string RequiredString(string name) => bag.Get(name) ?? Fail(name, $"A value for `{name}` is required.", "");

    public double? Double(string name, double? min = null, double? max = null)
    {
        if (bag.Get(name) is not { } text)
            return null;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            return Fail<double?>(name, $"`{name}` must be a number, got '{text}'.", null);
        if (value < min || value > max)
            return Fail<double?>(name, $"`{name}` must be between {min} and {max}, got {text}.", null);
        return value;
    }

    public int Int(string name, int defaultValue, int min, int max)
    {
        if (bag.Get(name) is not { } text)
            return defaultValue;
        // "10.0" from a JSON float is accepted as 10, like Python's int(float(...)) would not: be lenient, not lossy.
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number != Math.Floor(number))
            return Fail(name, $"`{name}` must be a whole number, got '{text}'.", defaultValue);
        if (number < min || number > max)
            return Fail(name, $"`{name}` must be between {min} and {max:N0}, got {text}.", defaultValue);
        return (int)number;
    }

    /// <summary>Fink treats only <c>True</c> (or JSON true) as true; FinkTom also accepts true/1/yes and rejects nonsense.</summary>
    public bool Bool(string name)
    {
        if (bag.Get(name) is not { } text)
            return false;
        return text.ToLowerInvariant() switch
        {
            "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => Fail(name, $"`{name}` must be True or False, got '{text}'.", false),
        };
    }

    /// <summary>A date as ISO string, JD or MJD (Fink's <c>isoify_time</c>), as a JD.</summary>
    public double? Jd(string name)
    {
        if (bag.Get(name) is not { } text)
            return null;
        if (!JulianDate.TryParseFlexible(text, out var jd))
            return Fail<double?>(name, $"`{name}` must be an ISO date (e.g. 2021-06-01 or 2021-06-01 12:00:00), a JD or an MJD, got '{text}'.", null);
        return jd;
    }

    /// <summary>Comma-separated list, spaces around items removed, empty items dropped.</summary>
    public IReadOnlyList<string>? List(string name) =>
        bag.Get(name)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary><c>columns</c>: null for all (absent or <c>*</c>), otherwise known catalogue or <c>v:</c> names.</summary>
    public IReadOnlyList<string>? Columns(IReadOnlySet<string> extraAllowed)
    {
        var names = List("columns");
        // Only commas (`columns=,`) names no column, like an empty value: every column (a table of none cannot be written).
        if (names is null || names is [] or ["*"])
            return null;
        foreach (var column in names)
            if (!ColumnCatalog.TryGet(column, out _) && !extraAllowed.Contains(column))
                return Fail<IReadOnlyList<string>?>("columns", $"Unknown column `{column}` in `columns`; see /api/v1/schema for the column names.", null);
        return names;
    }

    /// <summary><c>columns</c> of another survey's API: null for all, otherwise names <paramref name="known"/> accepts.</summary>
    public IReadOnlyList<string>? Columns(Func<string, bool> known, string schemaPath)
    {
        var names = List("columns");
        if (names is null || names is [] or ["*"])
            return null;
        foreach (var column in names)
            if (!known(column))
                return Fail<IReadOnlyList<string>?>("columns", $"Unknown column `{column}` in `columns`; see {schemaPath} for the column names.", null);
        return names;
    }

    public T Fail<T>(string name, string text, T fallback)
    {
        Error ??= new FinkError(text, name);
        return fallback;
    }

    private string Fail(string name, string text, string fallback) => Fail<string>(name, text, fallback);
}
