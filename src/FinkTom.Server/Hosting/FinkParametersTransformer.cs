using FinkTom.Server.Api.Parameters;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace FinkTom.Server.Hosting;

/// <summary>
/// Documents each Fink endpoint's parameters in the OpenAPI document from its <see cref="EndpointSpec"/> — the
/// same list that validates requests — as query parameters for GET and a JSON object body for POST.
/// </summary>
internal sealed class FinkParametersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<EndpointSpec>().FirstOrDefault() is not { } spec)
            return Task.CompletedTask;
        operation.Description = spec.Summary + ". Parameters are read from the query string when it is not empty, otherwise from a JSON object body.";
        if (string.Equals(context.Description.HttpMethod, "POST", StringComparison.OrdinalIgnoreCase))
        {
            var body = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>(), Required = new HashSet<string>() };
            foreach (var p in spec.Parameters)
            {
                body.Properties[p.Name] = Schema(p);
                if (p.Required)
                    body.Required.Add(p.Name);
            }
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = false,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } },
            };
            return Task.CompletedTask;
        }
        operation.Parameters ??= [];
        foreach (var p in spec.Parameters)
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = p.Name,
                In = ParameterLocation.Query,
                Required = p.Required,
                Description = p.Description,
                Schema = Schema(p),
            });
        return Task.CompletedTask;
    }

    private static OpenApiSchema Schema(ParameterSpec p) => new()
    {
        Type = p.Type switch
        {
            "number" => JsonSchemaType.Number,
            "integer" => JsonSchemaType.Integer,
            "boolean" => JsonSchemaType.Boolean,
            _ => JsonSchemaType.String,
        },
        Description = p.Default is null ? p.Description : $"{p.Description} Default: {p.Default}.",
    };
}
