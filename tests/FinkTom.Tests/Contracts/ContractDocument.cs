using System.Text.Json;
using System.Text.Json.Nodes;
using FinkTom.Tests.Support;
using NJsonSchema;

namespace FinkTom.Tests.Contracts;

/// <summary>
/// <c>contracts/fink-api.openapi.yaml</c>, read once: its operations, parameters, examples and response schemas,
/// with every <c>$ref</c> inlined so that a schema can be handed to a JSON Schema validator on its own.
/// </summary>
public sealed class ContractDocument
{
    public static string FilePath => Path.Combine(TestPaths.RepoRoot, "contracts", "fink-api.openapi.yaml");

    /// <summary><c>contracts/fink-lsst-api.openapi.yaml</c>: Fink's LSST API under <c>/lsst/api/v1</c>.</summary>
    public static string LsstFilePath => Path.Combine(TestPaths.RepoRoot, "contracts", "fink-lsst-api.openapi.yaml");

    private static readonly Lazy<ContractDocument> Shared = new(() => new ContractDocument(File.ReadAllText(FilePath)));
    private static readonly Lazy<ContractDocument> SharedLsst = new(() => new ContractDocument(File.ReadAllText(LsstFilePath)));

    public static ContractDocument Load() => Shared.Value;

    public static ContractDocument LoadLsst() => SharedLsst.Value;

    public JsonObject Root { get; }

    public ContractDocument(string yaml) => Root = YamlJson.Parse(yaml)!.AsObject();

    /// <summary>The document as JSON text (what OpenAPI tools read).</summary>
    public string Json => Root.ToJsonString();

    public IReadOnlyList<ContractOperation> Operations =>
        Root["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(m => m.Key is "get" or "post")
                .Select(m => new ContractOperation(this, path.Key, m.Key.ToUpperInvariant(), m.Value!.AsObject())))
            .ToList();

    public ContractOperation Operation(string path, string method) =>
        Operations.Single(o => o.Path == path && o.Method == method);

    /// <summary>A component schema, resolved (e.g. <c>AlertRecord</c>).</summary>
    public JsonObject Schema(string name) => Resolve(Root["components"]!["schemas"]![name]!).AsObject();

    /// <summary>A copy of <paramref name="node"/> with every <c>$ref</c> replaced by its target (siblings kept, as OpenAPI 3.1 allows).</summary>
    public JsonNode Resolve(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj when obj["$ref"] is JsonValue reference:
                var target = Resolve(Pointer(reference.GetValue<string>())).AsObject();
                foreach (var (key, value) in obj.Where(p => p.Key != "$ref"))
                    target[key] = value is null ? null : Resolve(value);
                return target;
            case JsonObject obj:
                return new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, p.Value is null ? null : Resolve(p.Value))));
            case JsonArray array:
                return new JsonArray(array.Select(i => i is null ? null : Resolve(i)).ToArray());
            default:
                return node.DeepClone();
        }
    }

    private JsonNode Pointer(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
            throw new InvalidOperationException($"Only local references are used in the contract: {reference}");
        JsonNode current = Root;
        foreach (var part in reference[2..].Split('/'))
            current = current[part.Replace("~1", "/").Replace("~0", "~")] ?? throw new InvalidOperationException($"Dangling reference {reference}");
        return current;
    }

    private readonly Dictionary<string, JsonSchema> _validators = new();

    /// <summary>An NJsonSchema validator for a resolved schema (cached by its text).</summary>
    public JsonSchema Validator(JsonNode resolvedSchema)
    {
        var text = resolvedSchema.ToJsonString();
        lock (_validators)
        {
            if (!_validators.TryGetValue(text, out var schema))
                _validators[text] = schema = JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();
            return schema;
        }
    }

    /// <summary>Validation errors of <paramref name="json"/> against <paramref name="resolvedSchema"/>, as readable lines.</summary>
    public IReadOnlyList<string> Validate(JsonNode resolvedSchema, string json) =>
        Flatten(Validator(resolvedSchema).Validate(json)).Distinct().Take(20).ToList();

    // Errors inside an array item or an anyOf branch are nested; the leaves say what is wrong.
    private static IEnumerable<string> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => e is NJsonSchema.Validation.ChildSchemaValidationError child && child.Errors.Count > 0
            ? Flatten(child.Errors.SelectMany(c => c.Value))
            : [$"{e.Path}: {e.Kind} {e.Property}".Trim()]);

    /// <summary>The names of every documented column (the properties of <c>AlertRecord</c>).</summary>
    public IReadOnlySet<string> ColumnNames => Schema("AlertRecord")["properties"]!.AsObject().Select(p => p.Key).ToHashSet();
}

/// <summary>One documented operation (a path and a method).</summary>
public sealed record ContractOperation(ContractDocument Document, string Path, string Method, JsonObject Node)
{
    public override string ToString() => $"{Method} {Path}";

    /// <summary>GET: the query parameters. POST: the JSON body's properties.</summary>
    public IReadOnlyList<ContractParameter> Parameters => Method == "GET"
        ? (Node["parameters"]?.AsArray() ?? []).Select(p => Document.Resolve(p!).AsObject())
            .Select(p => new ContractParameter(p["name"]!.GetValue<string>(), p["required"]?.GetValue<bool>() ?? false, p["schema"]!.AsObject()))
            .ToList()
        : BodySchema is { } body
            ? body["properties"]!.AsObject().Select(p => new ContractParameter(p.Key,
                body["required"]?.AsArray().Any(r => r!.GetValue<string>() == p.Key) ?? false, p.Value!.AsObject())).ToList()
            : [];

    public JsonObject? BodySchema => Node["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema
        ? Document.Resolve(schema).AsObject()
        : null;

    /// <summary>The example requests (named) of a POST operation.</summary>
    public IReadOnlyList<(string Name, JsonObject Value)> Examples =>
        (Node["requestBody"]?["content"]?["application/json"]?["examples"]?.AsObject() ?? [])
            .Select(e => (e.Key, e.Value!["value"]!.AsObject())).ToList();

    /// <summary>Documented content types and their resolved schemas for a status code.</summary>
    public IReadOnlyDictionary<string, JsonObject> Responses(int status) =>
        Node["responses"]?[status.ToString()] is { } response
            ? Document.Resolve(response)["content"]!.AsObject().ToDictionary(c => c.Key, c => c.Value!["schema"]!.AsObject())
            : new Dictionary<string, JsonObject>();

    /// <summary>The column names a 200 table may have: the alert catalogue, unless the response says its columns are
    /// its own (<c>x-own-columns</c>, e.g. /statistics' counters), then null (no check).</summary>
    public IReadOnlySet<string>? TableColumns =>
        Node["responses"]?["200"] is { } ok && Document.Resolve(ok)["x-own-columns"] is not null ? null : Document.ColumnNames;

    /// <summary>The path answers only through Fink (proxy mode): without it, a documented 404 (<c>x-needs-upstream</c>).</summary>
    public bool NeedsUpstream => Document.Root["paths"]![Path]!["get"]!["x-needs-upstream"] is not null;

    public IEnumerable<int> Statuses => Node["responses"]!.AsObject().Select(r => int.Parse(r.Key));
}

/// <summary>A documented parameter with its resolved schema.</summary>
public sealed record ContractParameter(string Name, bool Required, JsonObject Schema)
{
    /// <summary>The JSON type without null: string, number, integer or boolean.</summary>
    public string Type => Schema["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()).First(t => t != "null"),
        JsonValue type => type.GetValue<string>(),
        _ => "any",
    };

    public T? Extension<T>(string name) => Schema[name] is JsonValue v ? v.GetValue<T>() : default;

    public JsonElement? Element(string name) => Schema[name] is { } node ? JsonDocument.Parse(node.ToJsonString()).RootElement : null;
}
