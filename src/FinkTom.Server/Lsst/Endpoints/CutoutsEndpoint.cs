using System.Globalization;
using FinkTom.Core.Api;
using FinkTom.Core.Store;
using FinkTom.Server.Api;
using FinkTom.Server.Api.Endpoints;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Cutouts;
using FinkTom.Server.Hosting;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary>
/// <c>/cutouts</c>: a stamp of one alert, keyed by <c>diaSourceId</c> (contract §2.5). <c>FITS</c> returns Rubin's
/// multi-extension file unchanged; <c>PNG</c> and <c>array</c> use its primary image, with the ZTF API's rendering. An
/// unknown diaSourceId answers 200 with an empty body, as Fink does (<c>{}</c> for <c>array</c>: JSON must parse).
/// </summary>
public static class CutoutsEndpoint
{
    public static readonly EndpointSpec Spec = new(LsstApi.BasePath + "/cutouts", "Get cutout alert data based on Rubin diaSourceId",
    [
        new("diaSourceId", "string", true, null, "The alert's diaSourceId (64-bit, send it as a string)."),
        new("kind", "string", true, null, "Science, Template or Difference; All with output-format=array."),
        new("output-format", "string", false, "PNG", "PNG, FITS or array."),
        new("stretch", "string", false, "sigmoid", "PNG stretch: " + string.Join(", ", CutoutParameters.StretchNames) + "."),
        new("colormap", "string", false, "grayscale", "PNG colormap (matplotlib name): " + string.Join(", ", Colormaps.Names) + "."),
        new("pmin", "number", false, "0.5", "Lower percentile, 0-100 (ignored by sigmoid)."),
        new("pmax", "number", false, "99.5", "Upper percentile, 0-100 (ignored by sigmoid)."),
        new("convolution_kernel", "string", false, "none", "PNG smoothing: gauss or box."),
    ]);

    public static RouteHandlerBuilder MapLsstCutouts(this IEndpointRouteBuilder api) =>
        api.MapMethods("/cutouts", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<FileContentHttpResult, CutoutArraysResult, BadRequest<FinkError>, NotFound<FinkError>>> Handle(
        HttpRequest request, [FromKeyedServices(SurveyStores.Lsst)] IAlertReader store, CancellationToken ct)
    {
        var (bag, error) = await ParameterBag.ReadAsync(request, Spec, ct);
        if (error is not null)
            return ApiResults.Bad(error);
        var text = bag!.Get("diaSourceId")!;
        var parsed = CutoutParameters.Parse(bag.Get("kind"), bag.Get("output-format"), bag.Get("stretch"), bag.Get("colormap"),
            bag.Get("pmin"), bag.Get("pmax"), bag.Get("convolution_kernel"));
        if (!parsed.IsOk)
            return ApiResults.Bad(parsed.Error!.Parameter, parsed.Error.Text);
        var cutout = parsed.Value!;
        var single = cutout.Kinds[0];
        var (contentType, extension) = cutout.OutputFormat switch
        {
            CutoutOutputFormat.Png => ("image/png", "png"),
            CutoutOutputFormat.Fits => ("application/octet-stream", "fits"),
            _ => ("application/json", "json"),
        };

        var stored = long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await store.GetCutoutsAsync("", id, ct)
            : null;
        if (stored is null) // Fink: 200 with an empty body; for array, an empty JSON object, so that the body still parses
            return TypedResults.File(cutout.OutputFormat == CutoutOutputFormat.Array ? "{}"u8.ToArray() : [], contentType, $"{text}_{single}.{extension}");

        var images = new Dictionary<Core.Model.CutoutKind, FitsImage>();
        foreach (var kind in cutout.Kinds)
        {
            if (stored.Cutouts.Get(kind) is not { } stamp)
                return TypedResults.NotFound(new FinkError($"Alert {id} has no {kind} stamp.", "kind"));
            try
            {
                images[kind] = FitsImage.Read(stamp);
            }
            catch (FormatException e)
            {
                return TypedResults.NotFound(new FinkError($"The {kind} stamp of alert {id} cannot be read: {e.Message}", "kind"));
            }
        }
        return cutout.OutputFormat switch
        {
            CutoutOutputFormat.Png => TypedResults.File(CutoutRenderer.RenderPng(images[single], cutout.Render), contentType, $"{id}_{single}.png"),
            CutoutOutputFormat.Fits => TypedResults.File(images[single].FitsBytes, contentType, $"{id}_{single}.fits"),
            _ => new CutoutArraysResult(images.ToDictionary(i => i.Key, i => CutoutArrays.ToRows(i.Value)), kind => $"b:cutout{kind}"),
        };
    }
}
