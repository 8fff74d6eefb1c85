using System.Reflection;
using System.Text.Json.Nodes;
using FinkTom.Server.Api.Parameters;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Contracts;

/// <summary>The contract and the server cannot drift apart: their paths and parameters must be the same.</summary>
[Collection(ApiCollection.Name)]
public sealed class ContractDriftTests(FinkTomFactory factory)
{
    private readonly ContractDocument _contract = ContractDocument.Load();

    private async Task<JsonObject> ServerDocument() =>
        JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!.AsObject();

    [Fact]
    public async Task The_servers_paths_methods_and_parameters_are_exactly_the_documented_ones()
    {
        var differences = ContractDrift.Compare(_contract, await ServerDocument());
        Assert.True(differences.Count == 0, "Contract and server differ:\n" + string.Join("\n", differences));
    }

    [Fact]
    public async Task The_lsst_api_s_paths_methods_and_parameters_are_exactly_those_of_its_contract()
    {
        var differences = ContractDrift.Compare(ContractDocument.LoadLsst(), await ServerDocument(), "/lsst/api/v1/");
        Assert.True(differences.Count == 0, "LSST contract and server differ:\n" + string.Join("\n", differences));
        Assert.Contains(ContractDocument.LoadLsst().Operations, o => o.Path == "/lsst/api/v1/tags" && o.Method == "POST");
    }

    [Fact]
    public void Every_endpoint_spec_matches_the_contracts_get_parameters()
    {
        var specs = typeof(EndpointSpec).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(EndpointSpec)))
            .Select(f => (EndpointSpec)f.GetValue(null)!)
            .ToList();
        Assert.Contains(specs, s => s.Path == "/api/v1/objects");
        foreach (var spec in specs)
        {
            var lsst = spec.Path.StartsWith("/lsst/", StringComparison.Ordinal);
            var contract = lsst ? ContractDocument.LoadLsst() : _contract;
            var operation = contract.Operations.SingleOrDefault(o => o.Path == spec.Path && o.Method == "GET");
            Assert.True(operation is not null, $"{spec.Path} has an EndpointSpec but is not documented in {(lsst ? ContractDocument.LsstFilePath : ContractDocument.FilePath)}");
            var documented = operation.Parameters;
            Assert.Equal(documented.Select(p => (p.Name, p.Required, p.Type)), spec.Parameters.Select(p => (p.Name, p.Required, p.Type)));
        }
    }

    [Fact]
    public async Task A_parameter_the_server_grows_without_documenting_it_is_reported()
    {
        var server = await ServerDocument();
        server["paths"]!["/api/v1/objects"]!["get"]!["parameters"]!.AsArray()
            .Add(JsonNode.Parse("""{"name": "withstamps", "in": "query", "schema": {"type": "boolean"}}"""));
        server["paths"]!["/api/v1/latests"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!
            .AsObject().Add("sort", JsonNode.Parse("""{"type": "string"}"""));

        var differences = ContractDrift.Compare(_contract, server);

        Assert.Contains("GET /api/v1/objects: parameter `withstamps` is accepted but not documented", differences);
        Assert.Contains("POST /api/v1/latests: parameter `sort` is accepted but not documented", differences);
        Assert.Equal(2, differences.Count);
    }

    [Fact]
    public async Task A_documented_parameter_or_path_the_server_drops_is_reported()
    {
        var server = await ServerDocument();
        var cone = server["paths"]!["/api/v1/conesearch"]!["get"]!["parameters"]!.AsArray();
        cone.Remove(cone.First(p => p!["name"]!.GetValue<string>() == "window"));
        server["paths"]!.AsObject().Remove("/api/v1/classes");
        server["paths"]!.AsObject().Add("/api/v1/random", JsonNode.Parse("""{"get": {}}"""));

        var differences = ContractDrift.Compare(_contract, server);

        Assert.Contains("GET /api/v1/conesearch: documented parameter `window` is not accepted", differences);
        Assert.Contains("GET /api/v1/classes is documented but not served", differences);
        Assert.Contains("GET /api/v1/random is served but not documented in the contract", differences);
        Assert.Equal(3, differences.Count);
    }

    [Fact]
    public async Task A_changed_requirement_or_type_is_reported()
    {
        var server = await ServerDocument();
        var sso = server["paths"]!["/api/v1/sso"]!["get"]!["parameters"]!.AsArray();
        sso.First(p => p!["name"]!.GetValue<string>() == "n_or_d")!["required"] = false;
        sso.First(p => p!["name"]!.GetValue<string>() == "withcutouts")!["schema"]!["type"] = "string";

        var differences = ContractDrift.Compare(_contract, server);

        Assert.Contains("GET /api/v1/sso: `n_or_d` is not required by the server, required by the contract", differences);
        Assert.Contains("GET /api/v1/sso: `withcutouts` is string for the server, boolean in the contract", differences);
        Assert.Equal(2, differences.Count);
    }
}
