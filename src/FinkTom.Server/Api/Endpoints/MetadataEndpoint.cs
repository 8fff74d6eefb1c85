using FinkTom.Core.Annotations;
using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Formats;
using FinkTom.Server.Security;

namespace FinkTom.Server.Api.Endpoints;

/// <summary>
/// <c>/api/v1/metadata</c> (contract §2.16): users' annotations of objects. GET with exactly one of <c>objectId</c> (or
/// <c>all</c>), <c>internal_name</c>, <c>internal_name_encoded</c> reads them as a table (<c>i:objectId</c>,
/// <c>d:internal_name</c>, <c>d:internal_name_encoded</c>, <c>d:comments</c>, <c>d:username</c>); POST with
/// <c>objectId</c>, <c>internal_name</c>, <c>username</c> and optional <c>comments</c> adds one, and needs an API key.
/// Like Fink (which hides it from Swagger), it is left out of the OpenAPI document; the README documents it.
/// </summary>
public static class MetadataEndpoint
{
    private static readonly string[] Lookups = ["objectId", "internal_name", "internal_name_encoded"];

    private static readonly EndpointSpec Spec = new("/api/v1/metadata", "Get or add user annotations of objects",
    [
        new("objectId", "string", false, null, "GET: the object's annotation (all: every one). POST: the object annotated."),
        new("internal_name", "string", false, null, "GET: annotations with this name. POST: the name given to the object."),
        new("internal_name_encoded", "string", false, null, "GET: annotations with this encoded name (the name without spaces)."),
        new("comments", "string", false, "", "POST: free text."),
        new("username", "string", false, null, "POST: who writes it."),
        new("output-format", "string", false, "json", "GET: json, csv, parquet or votable."),
    ]);

    public static IEndpointRouteBuilder MapMetadata(this IEndpointRouteBuilder api)
    {
        api.MapGet("/metadata", Get).WithSummary(Spec.Summary).ExcludeFromDescription();
        api.MapPost("/metadata", Post).WithSummary(Spec.Summary).ExcludeFromDescription();
        return api;
    }

    private static async Task<Results<TableHttpResult, BadRequest<FinkError>>> Get(HttpRequest request, IAnnotationStore annotations, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var given = Lookups.Where(name => reader.String(name) is not null).ToList();
        if (reader.Bag.Names.FirstOrDefault(n => n is "comments" or "username") is { } postOnly)
            reader.Fail(postOnly, $"`{postOnly}` is for adding an annotation with POST; GET reads by objectId, internal_name or internal_name_encoded.", 0);
        else if (given.Count != 1)
            reader.Fail(given.Count == 0 ? "objectId" : given[1], "Give exactly one of `objectId` (or all), `internal_name`, `internal_name_encoded`.", 0);
        var format = ApiResults.OutputFormat(reader);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);
        var key = given[0] switch
        {
            "internal_name" => AnnotationKey.InternalName,
            "internal_name_encoded" => AnnotationKey.InternalNameEncoded,
            _ => AnnotationKey.ObjectId,
        };
        var found = await annotations.FindAsync(key, reader.String(given[0])!, ct);
        return new TableHttpResult(new ResultTable(
            new[] { "i:objectId", "d:internal_name", "d:internal_name_encoded", "d:comments", "d:username" }.Select(c => new TableColumn(c, ColumnType.String)).ToList(),
            found.Select(a => new object?[] { a.ObjectId, a.InternalName, a.InternalNameEncoded, a.Comments, a.Username })), format);
    }

    private static async Task<Results<ContentHttpResult, BadRequest<FinkError>, JsonHttpResult<FinkError>>> Post(
        HttpRequest request, IAnnotationStore annotations, CallerCredentials callers, CancellationToken ct)
    {
        if (callers.Identify(request) is null)
            return TypedResults.Json(new FinkError(
                "Adding an annotation needs an API key (X-Api-Key or Authorization: Bearer), one of Livestream:ApiKeys or OData:Auth:ApiKeys.",
                "X-Api-Key"), statusCode: StatusCodes.Status401Unauthorized);
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var objectId = reader.RequiredString("objectId");
        var name = reader.RequiredString("internal_name");
        var username = reader.RequiredString("username");
        if (reader.Error is null && reader.String("internal_name_encoded") is not null)
            reader.Fail("internal_name_encoded", "`internal_name_encoded` is derived from `internal_name` (its spaces removed); do not send it.", 0);
        if (reader.Error is null && objectId == "all")
            reader.Fail("objectId", "`all` is not an object id.", 0);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);
        var annotation = new ObjectAnnotation(objectId, name, reader.String("comments") ?? "", username);
        await annotations.SaveAsync(annotation, ct);
        var site = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return TypedResults.Text($"Thanks {username} - You can visit {site}/{annotation.InternalNameEncoded}");
    }
}
