using FinkTom.Core.Api;

namespace FinkTom.Server.Api.Parameters;

/// <summary>One documented parameter of an endpoint: drives validation, the help listing and the OpenAPI document.</summary>
/// <param name="Type">OpenAPI type: <c>string</c>, <c>number</c>, <c>integer</c> or <c>boolean</c>.</param>
public sealed record ParameterSpec(string Name, string Type, bool Required, string? Default, string Description);

/// <summary>An endpoint's documented parameters.</summary>
public sealed record EndpointSpec(string Path, string Summary, IReadOnlyList<ParameterSpec> Parameters)
{
    /// <summary>Largest JSON body accepted; only endpoints that take a file (a sky map) raise it.</summary>
    public int MaxBodyBytes { get; init; } = ParameterBag.MaxBodyBytes;

    public bool Accepts(string name) => Parameters.Any(p => p.Name == name);

    public IReadOnlyList<ParameterHelp> Help =>
        Parameters.Select(p => new ParameterHelp(p.Name, p.Required,
            p.Default is null ? p.Description : $"{p.Description} Default: {p.Default}.")).ToList();
}
