using System.Globalization;
using System.Text.Json;
using FinkTom.Core.Query;
using FinkTom.FinkClient;
using FinkTom.Server.Api.Parameters;

namespace FinkTom.Server.Proxy;

/// <summary>
/// The upstream requests for a validated FinkTom request: only documented parameters, in Fink's spelling (FinkTom's
/// lenient booleans become JSON true/false, which Fink reads as True), tables always asked as JSON (FinkTom writes
/// the requested format), coordinates as the degrees FinkTom parsed. The JSON body is also the cache key, so
/// requests that mean the same thing share one upstream call.
/// </summary>
public static class UpstreamRequests
{
    private static readonly JsonSerializerOptions KeyOptions = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static string Key(string path, object request) => path + " " + JsonSerializer.Serialize(request, request.GetType(), KeyOptions);

    public static ObjectsRequest Objects(ParameterBag bag, IReadOnlyList<string> ids) => new(ids)
    {
        WithUpperLimits = Bool(bag, "withupperlim"),
        WithCutouts = Bool(bag, "withcutouts"),
        CutoutKind = bag.Get("cutout-kind"),
        Columns = bag.Get("columns"),
    };

    /// <summary>What /objects answers from the store: every alert with every column, and the upper limits.</summary>
    public static ObjectsRequest FullObjects(IReadOnlyList<string> ids) => new(ids) { WithUpperLimits = true };

    public static ConeSearchRequest ConeSearch(ParameterBag bag, Cone cone) => new(cone.Ra, cone.Dec, cone.RadiusDeg * 3600)
    {
        N = Int(bag, "n"),
        StartDate = bag.Get("startdate"),
        StopDate = bag.Get("stopdate"),
        WindowDays = bag.Get("window") is { } w ? double.Parse(w, CultureInfo.InvariantCulture) : null,
        Columns = bag.Get("columns"),
    };

    public static LatestsRequest Latests(ParameterBag bag) => new(bag.Get("class")!)
    {
        N = Int(bag, "n"),
        StartDate = bag.Get("startdate"),
        StopDate = bag.Get("stopdate"),
        Trend = bag.Get("trend"),
        Color = bag.Has("color") ? true : null, // Fink: the key's presence
        Columns = bag.Get("columns"),
    };

    public static AnomalyRequest Anomaly(ParameterBag bag) => new()
    {
        N = Int(bag, "n"),
        StartDate = bag.Get("start_date"),
        StopDate = bag.Get("stop_date"),
        Columns = bag.Get("columns"),
    };

    public static TrackletRequest Tracklet(ParameterBag bag) => new()
    {
        Date = bag.Get("date"),
        Id = bag.Get("id"),
        Columns = bag.Get("columns"),
    };

    public static SsoRequest Sso(ParameterBag bag) => new(bag.Get("n_or_d")!)
    {
        WithCutouts = Bool(bag, "withcutouts"),
        CutoutKind = bag.Get("cutout-kind"),
        Columns = bag.Get("columns"),
    };

    public static CutoutsRequest Cutouts(ParameterBag bag) => new(bag.Get("objectId")!, bag.Get("kind")!)
    {
        OutputFormat = bag.Get("output-format"),
        Candid = bag.Get("candid"),
        Stretch = bag.Get("stretch"),
        Colormap = bag.Get("colormap"),
        PMin = bag.Get("pmin") is { } min ? double.Parse(min, CultureInfo.InvariantCulture) : null,
        PMax = bag.Get("pmax") is { } max ? double.Parse(max, CultureInfo.InvariantCulture) : null,
        ConvolutionKernel = bag.Get("convolution_kernel"),
    };

    // The values were validated by the endpoint; only true is sent, false is Fink's default.
    private static bool? Bool(ParameterBag bag, string name) =>
        bag.Get(name)?.ToLowerInvariant() is "true" or "1" or "yes" ? true : null;

    private static int? Int(ParameterBag bag, string name) =>
        bag.Get(name) is { } text ? (int)double.Parse(text, CultureInfo.InvariantCulture) : null;
}
