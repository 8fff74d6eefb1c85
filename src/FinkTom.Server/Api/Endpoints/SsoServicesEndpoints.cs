using FinkTom.Core.Api;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Proxy;

namespace FinkTom.Server.Api.Endpoints;

/// <summary>
/// <c>/api/v1/ssoft</c>, <c>/api/v1/ssocand</c>, <c>/api/v1/ssobulk</c> (contract §2.8–2.10): Fink's Solar System tables
/// (phase-curve fits, fink-fat candidates, every SSO light curve) are built by Fink's own pipelines from its whole
/// archive; FinkTom cannot compute them from a local store. Their parameters are checked, then the request is relayed
/// in proxy mode, or refused with a 404 that says so.
/// </summary>
public static class SsoServicesEndpoints
{
    public static readonly EndpointSpec Ssoft = new("/api/v1/ssoft", "Get the Solar System Object Fink Table",
    [
        new("sso_name", "string", false, null, "Only this object (its name)."),
        new("sso_number", "integer", false, null, "Only this object (its number)."),
        new("schema", "boolean", false, "False", "If True, the table's column schema."),
        new("flavor", "string", false, "SHG1G2", "SOCCA, SHG1G2, HG1G2 or HG."),
        new("version", "string", false, "current YYYY.MM", "Table version YYYY.MM, from 2023.07."),
        new("output-format", "string", false, "parquet", "json, csv, parquet or votable."),
    ]);

    public static readonly EndpointSpec Ssocand = new("/api/v1/ssocand", "Get data for Solar System object candidates (fink-fat)",
    [
        new("kind", "string", true, null, "orbParams or lightcurves."),
        new("ssoCandId", "string", false, null, "Trajectory id, e.g. FF20230725aaaacgw."),
        new("start_date", "string", false, "2019-11-01", "ISO date (lightcurves)."),
        new("stop_date", "string", false, "now", "ISO date (lightcurves)."),
        new("maxnumber", "integer", false, "10000", "Maximum number of rows (lightcurves)."),
        new("output-format", "string", false, "json", "json, csv, parquet or votable."),
    ]);

    public static readonly EndpointSpec Ssobulk = new("/api/v1/ssobulk", "Get every Solar System object light curve in one file",
    [
        new("output-format", "string", false, "parquet", "json, csv, parquet or votable."),
    ]);

    private static readonly string[] Flavors = ["SOCCA", "SHG1G2", "HG1G2", "HG"];

    public static IEndpointRouteBuilder MapSsoServices(this IEndpointRouteBuilder api)
    {
        Map(api, Ssoft, "ssoft", reader =>
        {
            reader.Int("sso_number", 0, 0, int.MaxValue);
            reader.Bool("schema");
            if (reader.String("flavor") is { } flavor && !Flavors.Contains(flavor))
                reader.Fail("flavor", $"`flavor` must be one of {string.Join(", ", Flavors)}, got '{flavor}'.", 0);
            if (reader.String("version") is { } version && !System.Text.RegularExpressions.Regex.IsMatch(version, @"^\d{4}\.(0[1-9]|1[0-2])$"))
                reader.Fail("version", $"`version` must be YYYY.MM, got '{version}'.", 0);
            else if (reader.String("version") is { } v && string.CompareOrdinal(v, "2023.07") < 0)
                reader.Fail("version", "`version` starts on 2023.07.", 0);
        });
        Map(api, Ssocand, "ssocand", reader =>
        {
            if (reader.String("kind") is { } kind && kind is not ("orbParams" or "lightcurves"))
                reader.Fail("kind", $"`kind` must be orbParams or lightcurves, got '{kind}'.", 0);
            reader.Jd("start_date");
            reader.Jd("stop_date");
            reader.Int("maxnumber", 10_000, 1, 1_000_000);
        });
        Map(api, Ssobulk, "ssobulk", _ => { });
        return api;
    }

    private static void Map(IEndpointRouteBuilder api, EndpointSpec spec, string endpoint, Action<ParameterReader> check) =>
        api.MapMethods("/" + endpoint, ["GET", "POST"], async Task<Results<ProxyResult, BadRequest<FinkError>, NotFound<FinkError>>> (
                HttpRequest request, FinkProxy proxy, CancellationToken ct) =>
            {
                var (reader, error) = await ParameterReader.ReadAsync(request, spec, ct);
                if (reader is null)
                    return ApiResults.Bad(error!);
                check(reader);
                ApiResults.OutputFormat(reader);
                if (reader.Error is { } invalid)
                    return ApiResults.Bad(invalid);
                if (await proxy.PassThroughAsync(request.HttpContext, endpoint, reader.Bag, ct) is { } proxied)
                    return proxied;
                return TypedResults.NotFound(new FinkError(
                    $"{spec.Path} serves a table Fink's pipelines build from Fink's whole archive; FinkTom has no local copy. " +
                    "Run FinkTom in proxy mode (Upstream:Url) to relay it to Fink."));
            })
            .WithSummary(spec.Summary).WithMetadata(spec);
}
