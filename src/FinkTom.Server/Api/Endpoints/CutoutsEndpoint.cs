using System.Globalization;
using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Store;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Cutouts;
using FinkTom.Server.Proxy;

namespace FinkTom.Server.Api.Endpoints;

/// <summary>
/// <c>/api/v1/cutouts</c>: a stamp of an alert (the given <c>candid</c>, or the object's latest) as PNG, the FITS
/// file, or arrays (contract §2.6). Where Fink answers a 500 (unknown object or candid), FinkTom answers a 404.
/// </summary>
public static class CutoutsEndpoint
{
    public static readonly EndpointSpec Spec = new("/api/v1/cutouts", "Get cutout data based on ZTF ID",
    [
        new("objectId", "string", true, null, "ZTF object ID."),
        new("kind", "string", true, null, "Science, Template or Difference; All with output-format=array."),
        new("output-format", "string", false, "PNG", "PNG, FITS or array."),
        new("candid", "string", false, "latest alert", "Alert ID (a 64-bit integer, sent as a string or a number)."),
        new("stretch", "string", false, "sigmoid", "PNG stretch: " + string.Join(", ", CutoutParameters.StretchNames) + "."),
        new("colormap", "string", false, "grayscale", "PNG colormap (matplotlib name): " + string.Join(", ", Colormaps.Names) + "."),
        new("pmin", "number", false, "0.5", "Lower percentile, 0-100 (accepted; like Fink, the stretch does not use it)."),
        new("pmax", "number", false, "99.5", "Upper percentile, 0-100 (accepted; like Fink, the stretch does not use it)."),
        new("convolution_kernel", "string", false, "none", "PNG smoothing: gauss or box."),
    ]);

    public static RouteHandlerBuilder MapCutouts(this IEndpointRouteBuilder api) =>
        api.MapMethods("/cutouts", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<FileContentHttpResult, CutoutArraysResult, BadRequest<FinkError>, NotFound<FinkError>, ProxyResult>> Handle(
        HttpRequest request, IAlertReader store, FinkProxy proxy, CancellationToken ct)
    {
        var (bag, error) = await ParameterBag.ReadAsync(request, Spec, ct);
        if (error is not null)
            return ApiResults.Bad(error);
        var objectId = bag!.Get("objectId")!;
        long? candid = null;
        if (bag.Get("candid") is { } text)
        {
            if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
                return ApiResults.Bad("candid", $"`candid` must be a whole number (an alert ID), got '{text}'.");
            candid = id;
        }
        var parsed = CutoutParameters.Parse(bag.Get("kind"), bag.Get("output-format"), bag.Get("stretch"), bag.Get("colormap"),
            bag.Get("pmin"), bag.Get("pmax"), bag.Get("convolution_kernel"));
        if (!parsed.IsOk)
            return ApiResults.Bad(parsed.Error!.Parameter, parsed.Error.Text);
        var cutout = parsed.Value!;
        if (await proxy.CutoutsAsync(request.HttpContext, bag, objectId, candid, ct) is { } proxied)
            return proxied;

        var stored = await store.GetCutoutsAsync(objectId, candid, ct);
        if (stored is null)
            return TypedResults.NotFound(new FinkError(candid is null
                ? $"No alert with cutouts for objectId `{objectId}`."
                : $"No alert with `candid` {candid} and cutouts for objectId `{objectId}`.", candid is null ? "objectId" : "candid"));

        var images = new Dictionary<CutoutKind, FitsImage>();
        foreach (var kind in cutout.Kinds)
        {
            if (stored.Cutouts.Get(kind) is not { } stamp)
                return TypedResults.NotFound(new FinkError($"Alert {stored.Candid} has no {kind} stamp.", "kind"));
            try
            {
                images[kind] = FitsImage.Read(stamp);
            }
            catch (FormatException e)
            {
                return TypedResults.NotFound(new FinkError($"The {kind} stamp of alert {stored.Candid} cannot be read: {e.Message}", "kind"));
            }
        }

        var single = cutout.Kinds[0];
        return cutout.OutputFormat switch
        {
            CutoutOutputFormat.Png => TypedResults.File(CutoutRenderer.RenderPng(images[single], cutout.Render), "image/png", $"{objectId}_{single}.png"),
            CutoutOutputFormat.Fits => TypedResults.File(images[single].FitsBytes, "application/octet-stream", $"{objectId}_{single}.fits"),
            _ => new CutoutArraysResult(images.ToDictionary(i => i.Key, i => CutoutArrays.ToRows(i.Value))),
        };
    }
}

/// <summary>The <c>array</c> answer: <c>{"b:cutoutScience_stampData": [[...]], ...}</c>.</summary>
public sealed class CutoutArraysResult(IReadOnlyDictionary<CutoutKind, float[][]> stamps, Func<CutoutKind, string>? columnName = null) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.ContentType = "application/json";
        await CutoutArrays.WriteJsonAsync(httpContext.Response.Body, stamps, httpContext.RequestAborted, columnName);
    }
}
