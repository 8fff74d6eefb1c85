using System.Text.Json.Nodes;
using FinkTom.Core.Api;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;
using FinkTom.Server.Api;
using FinkTom.Server.Api.Parameters;

namespace FinkTom.Server.Lsst.Endpoints;

/// <summary>
/// <c>/schema</c>: the fields behind each endpoint's columns, by section (contract §2.6), with their Avro types for the
/// chosen Rubin schema version (10.0 or 11.0; v11 made some ints non-nullable). Fink downloads Rubin's schema files at
/// each call; FinkTom answers from its own catalogue, offline, with Fink's <c>"TBD"</c> where it has no description.
/// </summary>
public static class SchemaEndpoint
{
    private const string Rubin = "LSST original fields (r:)";
    private const string Fink = "Fink science module outputs (f:)";

    public static readonly EndpointSpec Spec = new(LsstApi.BasePath + "/schema", "Retrieve the data schema for a given endpoint for Fink/Rubin API",
    [
        new("endpoint", "string", true, null, "An endpoint path: /api/v1/sources, /api/v1/objects, /api/v1/fp, /api/v1/conesearch, /api/v1/cutouts, /api/v1/sso, /api/v1/tags or /api/v1/statistics."),
        new("major_version", "integer", false, "11", "Rubin alert schema major version (10 or 11), with minor_version."),
        new("minor_version", "integer", false, "0", "Rubin alert schema minor version (0)."),
    ]);

    public static RouteHandlerBuilder MapLsstSchema(this IEndpointRouteBuilder api) =>
        api.MapMethods("/schema", ["GET", "POST"], Handle).WithSummary(Spec.Summary).WithMetadata(Spec);

    private static async Task<Results<ContentHttpResult, BadRequest<FinkError>, NotFound<FinkError>>> Handle(HttpRequest request, CancellationToken ct)
    {
        var (reader, error) = await ParameterReader.ReadAsync(request, Spec, ct);
        if (reader is null)
            return ApiResults.Bad(error!);
        var endpoint = reader.RequiredString("endpoint");
        var major = reader.Int("major_version", 11, 10, 11);
        var minor = reader.Int("minor_version", 0, 0, 0);
        if (reader.Error is { } invalid)
            return ApiResults.Bad(invalid);
        var v11 = major == 11 && minor == 0;

        IReadOnlyList<LsstColumn>? table = endpoint.Replace(LsstApi.BasePath, "/api/v1") switch
        {
            "/api/v1/sources" or "/api/v1/tags" => LsstColumns.Sources,
            "/api/v1/objects" => LsstColumns.Objects,
            "/api/v1/conesearch" => LsstColumns.Cone,
            "/api/v1/sso" => LsstColumns.Sso,
            _ => null,
        };
        JsonObject answer;
        if (table is not null)
            answer = Sections(table.Where(c => c.Name != "r:salt" && c.Name != "f:pixel1024"), v11);
        else if (endpoint.EndsWith("/api/v1/fp", StringComparison.Ordinal))
            answer = Sections(Survey.Lsst.History.Single(k => k.Stored).Catalog!.Stored.Select(c => LsstColumn.Stored(c)), v11);
        else if (endpoint.EndsWith("/api/v1/cutouts", StringComparison.Ordinal))
            answer = new JsonObject
            {
                ["LSST original cutouts (b:)"] = new JsonObject(new[] { "cutoutDifference", "cutoutScience", "cutoutTemplate" }
                    .Select(n => KeyValuePair.Create(n, (JsonNode?)Field(new JsonArray("null", "bytes"), "TBD")))),
            };
        else if (endpoint.EndsWith("/api/v1/statistics", StringComparison.Ordinal))
            answer = new JsonObject { [Fink] = new JsonObject(StatisticsEndpoint.Columns.Select(c =>
                KeyValuePair.Create(c.Name[2..], (JsonNode?)Field(c.Type.AvroName(), c.Description)))) };
        else
            return TypedResults.NotFound(new FinkError($"{endpoint} is not a valid endpoint", "endpoint"));
        return TypedResults.Content(answer.ToJsonString(), "application/json");
    }

    private static JsonObject Sections(IEnumerable<LsstColumn> columns, bool v11)
    {
        var rubin = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        var fink = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var catalogue = Survey.Lsst.Catalog.TryGet(column.Name, out var c) ? c
                : Survey.Lsst.History.Single(k => k.Stored).Catalog!.Get(column.Name);
            var field = column.Name[2..];
            var nullable = catalogue.Nullable && !(v11 && RubinRecords.NonNullableInV11.Contains(field));
            JsonNode type = nullable ? new JsonArray("null", catalogue.Type.AvroName()) : catalogue.Type.AvroName();
            (column.Name.StartsWith("f:", StringComparison.Ordinal) ? fink : rubin)[field] = Field(type, "TBD");
        }
        var answer = new JsonObject { [Rubin] = new JsonObject(rubin) };
        if (fink.Count > 0)
            answer[Fink] = new JsonObject(fink);
        return answer;
    }

    private static JsonObject Field(JsonNode type, string doc) => new() { ["type"] = type, ["doc"] = doc };
}
