using FinkTom.Core.Api;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;
using FinkTom.Core.Time;
using FinkTom.Server.Api;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Hosting;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary>
/// <c>/tags</c> (contract §2.11): GET without parameters lists Fink's Rubin tags; with <c>tag</c>, the <c>n</c> latest
/// alerts that passed it (not a light curve: several may be one object's), newest first. FinkTom evaluates the tags
/// on every alert it ingests (<c>t:</c> columns).
/// </summary>
public static class TagsEndpoint
{
    public const int DefaultRows = 10;
    public const int MaxRows = 10_000;

    public static readonly EndpointSpec Spec = new(LsstApi.BasePath + "/tags", "Get the latest Rubin alerts of a Fink tag",
    [
        new("tag", "string", true, null, "A tag name from GET /lsst/api/v1/tags, e.g. in_tns."),
        new("n", "integer", false, DefaultRows.ToString(), $"Number of alerts, at most {MaxRows:N0}."),
        new("startdate", "string", false, "2019-11-01", "Earliest alert time: ISO date, JD or MJD (TAI)."),
        new("stopdate", "string", false, "now", "Latest alert time: ISO date, JD or MJD (TAI)."),
        new("columns", "string", false, "*", "Comma-separated columns, e.g. r:midpointMjdTai,r:psfFlux."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static RouteHandlerBuilder MapLsstTags(this IEndpointRouteBuilder api) =>
        api.MapMethods("/tags", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<JsonHttpResult<SortedDictionary<string, TagEntry>>, TableHttpResult, BadRequest<FinkError>>> Handle(
        HttpRequest request, [FromKeyedServices(SurveyStores.Lsst)] IAlertReader store, CancellationToken ct)
    {
        if (HttpMethods.IsGet(request.Method) && request.Query.Count == 0)
            return TypedResults.Json(new SortedDictionary<string, TagEntry>(
                LsstTags.All.ToDictionary(t => t.Name, t => new TagEntry(t.ApiSupport, t.Description)), StringComparer.Ordinal));

        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var name = reader.RequiredString("tag");
        var tag = LsstTags.Find(name);
        if (tag is null)
            reader.Fail("tag", $"{name} is not a valid tag. Here is the list of tags: {string.Join(", ", LsstTags.All.Select(t => t.Name))}. " +
                $"You can always retrieve available tags at {LsstApi.BasePath}/tags", 0);
        else if (!tag.ApiSupport)
            reader.Fail("tag", $"{name} is only available from the Livestream service (no API support defined). " +
                $"You can always retrieve available tags and their API support at {LsstApi.BasePath}/tags", 0);
        var n = reader.Int("n", DefaultRows, 1, MaxRows);
        var start = reader.Jd("startdate") - JulianDate.MjdOffset;
        var stop = reader.Jd("stopdate") - JulianDate.MjdOffset;
        var columns = reader.Columns(LsstTable.Knows(LsstColumns.Sources), LsstApi.BasePath + "/schema");
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);

        var alerts = await store.ReadAsync(new AlertQuery
        {
            Where = new ComparePredicate(tag!.Column, CompareOp.Eq, true),
            Jd = start is null && stop is null ? null : new JdRange(start, stop), // on the survey's time: MJD (TAI)
            OrderBy = [SortKey.NewestFirst(Survey.Lsst)],
            Limit = n,
        }, ct);
        return new TableHttpResult(LsstTable.Build(LsstColumns.Sources, columns, alerts), format);
    }

    public sealed record TagEntry(
        [property: System.Text.Json.Serialization.JsonPropertyName("API support")] bool ApiSupport,
        [property: System.Text.Json.Serialization.JsonPropertyName("description")] string Description);
}
