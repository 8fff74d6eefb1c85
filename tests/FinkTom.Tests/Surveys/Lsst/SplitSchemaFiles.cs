using System.Text.Json.Nodes;

namespace FinkTom.Tests.Surveys.Lsst;

/// <summary>Writes a whole schema as lsst/alert_packet lays its files out: every nested record in
/// <c>&lt;full name&gt;.avsc</c>, named by that full name where it was defined, the root in <c>&lt;root name&gt;.avsc</c>.</summary>
internal static class SplitSchemaFiles
{
    public static void Write(string schemaJson, string folder)
    {
        Directory.CreateDirectory(folder);
        var root = JsonNode.Parse(schemaJson)!.AsObject();
        Split(root, folder, isRoot: true);
    }

    private static JsonNode? Split(JsonNode? node, string folder, bool isRoot = false)
    {
        switch (node)
        {
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    Replace(array[i], folder, n => array[i] = n);
                return node;
            case JsonObject schema:
                foreach (var key in new[] { "type", "items", "values" })
                    Replace(schema[key], folder, n => schema[key] = n);
                if (schema["fields"] is JsonArray fields)
                    foreach (var field in fields.OfType<JsonObject>())
                        Replace(field["type"], folder, n => field["type"] = n);
                if (schema["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                    && (string)schema["type"]! == "record")
                {
                    var name = (string)schema["name"]!;
                    File.WriteAllText(Path.Combine(folder, name + ".avsc"), schema.ToJsonString());
                    return isRoot ? node : JsonValue.Create(name);
                }
                return node;
            default:
                return node;
        }
    }

    private static void Replace(JsonNode? node, string folder, Action<JsonNode?> set)
    {
        var split = Split(node, folder);
        if (!ReferenceEquals(split, node))
            set(split);
    }
}
