using System.Text.Json.Nodes;

namespace FinkTom.Tests.Contracts;

/// <summary>
/// Differences between the contract and a server's own OpenAPI document (<c>/openapi/v1.json</c>, generated from the
/// endpoints' <c>EndpointSpec</c>s) over the <c>/api/v1</c> paths: operations, parameter names, requirement and type.
/// An empty list means they agree.
/// </summary>
public static class ContractDrift
{
    public static List<string> Compare(ContractDocument contract, JsonObject server, string pathPrefix = "/api/v1/")
    {
        var differences = new List<string>();
        var served = ServerOperations(server, pathPrefix);
        var documented = contract.Operations.ToDictionary(o => (o.Path, o.Method), o => o.Parameters.ToDictionary(p => p.Name));

        foreach (var key in served.Keys.Except(documented.Keys))
            differences.Add($"{key.Method} {key.Path} is served but not documented in the contract");
        foreach (var key in documented.Keys.Except(served.Keys))
            differences.Add($"{key.Method} {key.Path} is documented but not served");
        foreach (var key in served.Keys.Intersect(documented.Keys))
        {
            var (have, doc) = (served[key], documented[key]);
            foreach (var name in have.Keys.Except(doc.Keys))
                differences.Add($"{key.Method} {key.Path}: parameter `{name}` is accepted but not documented");
            foreach (var name in doc.Keys.Except(have.Keys))
                differences.Add($"{key.Method} {key.Path}: documented parameter `{name}` is not accepted");
            foreach (var name in have.Keys.Intersect(doc.Keys))
            {
                if (have[name].Required != doc[name].Required)
                    differences.Add($"{key.Method} {key.Path}: `{name}` is {(have[name].Required ? "" : "not ")}required by the server, " +
                                    $"{(doc[name].Required ? "" : "not ")}required by the contract");
                if (have[name].Type != doc[name].Type)
                    differences.Add($"{key.Method} {key.Path}: `{name}` is {have[name].Type} for the server, {doc[name].Type} in the contract");
            }
        }
        return differences;
    }

    private static Dictionary<(string Path, string Method), Dictionary<string, ContractParameter>> ServerOperations(JsonObject server, string pathPrefix)
    {
        var result = new Dictionary<(string, string), Dictionary<string, ContractParameter>>();
        foreach (var (path, item) in server["paths"]!.AsObject().Where(p => p.Key.StartsWith(pathPrefix, StringComparison.Ordinal)))
            foreach (var (method, operation) in item!.AsObject().Where(m => m.Key is "get" or "post" or "put" or "delete" or "patch"))
                result[(path, method.ToUpperInvariant())] = method == "get"
                    ? (operation!["parameters"]?.AsArray() ?? []).Select(p => new ContractParameter(
                        p!["name"]!.GetValue<string>(), p["required"]?.GetValue<bool>() ?? false, p["schema"]!.AsObject()))
                        .ToDictionary(p => p.Name)
                    : BodyParameters(operation!);
        return result;
    }

    private static Dictionary<string, ContractParameter> BodyParameters(JsonNode operation)
    {
        if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is not { } body)
            return [];
        var required = body["required"]?.AsArray().Select(r => r!.GetValue<string>()).ToHashSet() ?? [];
        return (body["properties"]?.AsObject() ?? []).ToDictionary(p => p.Key,
            p => new ContractParameter(p.Key, required.Contains(p.Key), p.Value!.AsObject()));
    }
}
