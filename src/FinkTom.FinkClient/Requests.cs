using System.Text.Json.Serialization;

namespace FinkTom.FinkClient;

// The request bodies of the Fink API, with Fink's parameter names. Unset (null) parameters are not sent, so the
// server applies its documented defaults. Booleans go out as JSON true/false, which Fink reads as True/False.

/// <summary>Parameters of <c>/api/v1/objects</c>.</summary>
public sealed record ObjectsRequest(
    [property: JsonPropertyName("objectId")] string ObjectId)
{
    /// <summary>Several objects at once (at most 1,000 on FinkTom).</summary>
    public ObjectsRequest(IEnumerable<string> objectIds) : this(string.Join(",", objectIds)) { }

    [JsonPropertyName("withupperlim")] public bool? WithUpperLimits { get; init; }
    [JsonPropertyName("withcutouts")] public bool? WithCutouts { get; init; }
    [JsonPropertyName("cutout-kind")] public string? CutoutKind { get; init; }
    [JsonPropertyName("columns")] public string? Columns { get; init; }
    [JsonPropertyName("output-format")] public string? OutputFormat { get; init; }
}

/// <summary>Parameters of <c>/api/v1/conesearch</c>; <c>ra</c>/<c>dec</c> in degrees or sexagesimal, radius in arcsec.</summary>
public sealed record ConeSearchRequest(
    [property: JsonPropertyName("ra")] string Ra,
    [property: JsonPropertyName("dec")] string Dec,
    [property: JsonPropertyName("radius")] double RadiusArcsec)
{
    public ConeSearchRequest(double raDeg, double decDeg, double radiusArcsec)
        : this(raDeg.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
               decDeg.ToString("R", System.Globalization.CultureInfo.InvariantCulture), radiusArcsec) { }

    [JsonPropertyName("n")] public int? N { get; init; }
    [JsonPropertyName("startdate")] public string? StartDate { get; init; }
    [JsonPropertyName("stopdate")] public string? StopDate { get; init; }
    [JsonPropertyName("window")] public double? WindowDays { get; init; }
    [JsonPropertyName("columns")] public string? Columns { get; init; }
    [JsonPropertyName("output-format")] public string? OutputFormat { get; init; }
}

/// <summary>Parameters of <c>/api/v1/latests</c>.</summary>
public sealed record LatestsRequest(
    [property: JsonPropertyName("class")] string Class)
{
    [JsonPropertyName("n")] public int? N { get; init; }
    [JsonPropertyName("startdate")] public string? StartDate { get; init; }
    [JsonPropertyName("stopdate")] public string? StopDate { get; init; }
    [JsonPropertyName("trend")] public string? Trend { get; init; }

    /// <summary>Fink adds the colour columns when the key is present, whatever its value: set true or leave null.</summary>
    [JsonPropertyName("color")] public bool? Color { get; init; }
    [JsonPropertyName("columns")] public string? Columns { get; init; }
    [JsonPropertyName("output-format")] public string? OutputFormat { get; init; }
}

/// <summary>Parameters of <c>/api/v1/anomaly</c>.</summary>
public sealed record AnomalyRequest
{
    [JsonPropertyName("n")] public int? N { get; init; }
    [JsonPropertyName("start_date")] public string? StartDate { get; init; }
    [JsonPropertyName("stop_date")] public string? StopDate { get; init; }
    [JsonPropertyName("columns")] public string? Columns { get; init; }
    [JsonPropertyName("output-format")] public string? OutputFormat { get; init; }
}

/// <summary>Parameters of <c>/api/v1/tracklet</c>: a <c>date</c> or a tracklet <c>id</c> prefix.</summary>
public sealed record TrackletRequest
{
    [JsonPropertyName("date")] public string? Date { get; init; }
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("columns")] public string? Columns { get; init; }
    [JsonPropertyName("output-format")] public string? OutputFormat { get; init; }
}

/// <summary>Parameters of <c>/api/v1/sso</c>.</summary>
public sealed record SsoRequest(
    [property: JsonPropertyName("n_or_d")] string NumberOrDesignation)
{
    [JsonPropertyName("withEphem")] public bool? WithEphemerides { get; init; }
    [JsonPropertyName("withResiduals")] public bool? WithResiduals { get; init; }
    [JsonPropertyName("withcutouts")] public bool? WithCutouts { get; init; }
    [JsonPropertyName("cutout-kind")] public string? CutoutKind { get; init; }
    [JsonPropertyName("columns")] public string? Columns { get; init; }
    [JsonPropertyName("output-format")] public string? OutputFormat { get; init; }
}

/// <summary>Parameters of <c>/api/v1/cutouts</c>: <c>kind</c> is Science, Template, Difference (or All with arrays).</summary>
public sealed record CutoutsRequest(
    [property: JsonPropertyName("objectId")] string ObjectId,
    [property: JsonPropertyName("kind")] string Kind)
{
    /// <summary><c>PNG</c> (default), <c>FITS</c> or <c>array</c>.</summary>
    [JsonPropertyName("output-format")] public string? OutputFormat { get; init; }

    /// <summary>The alert; sent as a string so no JavaScript-style client rounds the 64-bit id.</summary>
    [JsonPropertyName("candid")] public string? Candid { get; init; }
    [JsonPropertyName("stretch")] public string? Stretch { get; init; }
    [JsonPropertyName("colormap")] public string? Colormap { get; init; }
    [JsonPropertyName("pmin")] public double? PMin { get; init; }
    [JsonPropertyName("pmax")] public double? PMax { get; init; }
    [JsonPropertyName("convolution_kernel")] public string? ConvolutionKernel { get; init; }
}
