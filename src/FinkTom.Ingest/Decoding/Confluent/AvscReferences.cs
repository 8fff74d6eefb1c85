using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FinkTom.Ingest.Avro;

namespace FinkTom.Ingest.Decoding.Confluent;

/// <summary>
/// Makes one self-contained schema of a <c>.avsc</c> file whose types name records defined in other files, as
/// lsst/alert_packet writes them (<c>lsst.v10_0.alert.avsc</c> refers to <c>"lsst.v10_0.diaSource"</c>, defined in
/// <c>lsst.v10_0.diaSource.avsc</c>). Each name not defined yet is replaced, where it is first used, by the
/// definition in <c>&lt;full name&gt;.avsc</c> of the same folder; later uses stay names, as Avro wants. A name with no
/// such file is left for the schema parser to report.
/// </summary>
internal static partial class AvscReferences
{
    private const int MaxFiles = 256;
    private static readonly HashSet<string> Primitives = ["null", "boolean", "int", "long", "float", "double", "bytes", "string"];

    public static string Inline(string path)
    {
        var context = new Context(Path.GetDirectoryName(path)!);
        var root = Resolve(Read(path), "", context);
        return root?.ToJsonString() ?? "null";
    }

    private sealed class Context(string folder)
    {
        public string Folder { get; } = folder;
        public HashSet<string> Defined { get; } = new(StringComparer.Ordinal);
        public int Files { get; set; }
    }

    /// <summary>The node to stand where <paramref name="type"/> stood: itself, completed in place, or a definition read from a file.</summary>
    private static JsonNode? Resolve(JsonNode? type, string space, Context context)
    {
        switch (type)
        {
            case JsonValue value when value.TryGetValue<string>(out var name):
                if (Primitives.Contains(name))
                    return type;
                var fullName = name.Contains('.') || space.Length == 0 ? name : $"{space}.{name}";
                if (context.Defined.Contains(fullName) || !AvroName().IsMatch(fullName))
                    return type; // not a file name either: "../x" stays in the folder
                var file = Path.Combine(context.Folder, fullName + ".avsc");
                if (!File.Exists(file))
                    return type;
                if (++context.Files > MaxFiles)
                    throw new AvroFormatException($"schema in {context.Folder} refers to more than {MaxFiles} other files");
                context.Defined.Add(fullName); // read once, even if the file defines another name
                return Resolve(Read(file), space, context);
            case JsonArray union:
                for (var i = 0; i < union.Count; i++)
                    Replace(union[i], space, context, node => union[i] = node);
                return type;
            case JsonObject schema:
                Complete(schema, space, context);
                return type;
            default:
                return type;
        }
    }

    private static void Complete(JsonObject schema, string space, Context context)
    {
        var kind = schema["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        switch (kind)
        {
            case "record" or "error" or "enum" or "fixed":
                var name = schema["name"] is JsonValue n && n.TryGetValue<string>(out var text) ? text : "";
                var ownSpace = schema["namespace"] is JsonValue ns && ns.TryGetValue<string>(out var declared) ? declared : space;
                var fullName = name.Contains('.') || ownSpace.Length == 0 ? name : $"{ownSpace}.{name}";
                context.Defined.Add(fullName); // before the fields: a record may refer to itself
                var fieldSpace = fullName.Contains('.') ? fullName[..fullName.LastIndexOf('.')] : "";
                if (schema["fields"] is JsonArray fields)
                    foreach (var field in fields.OfType<JsonObject>())
                        Replace(field["type"], fieldSpace, context, node => field["type"] = node);
                break;
            case "array":
                Replace(schema["items"], space, context, node => schema["items"] = node);
                break;
            case "map":
                Replace(schema["values"], space, context, node => schema["values"] = node);
                break;
            default: // {"type": "lsst.v10_0.diaSource"}, {"type": [...]}, or a primitive with attributes
                Replace(schema["type"], space, context, node => schema["type"] = node);
                break;
        }
    }

    // A node that already sits in the tree cannot be assigned again: only a definition read from a file replaces it.
    private static void Replace(JsonNode? node, string space, Context context, Action<JsonNode?> set)
    {
        var resolved = Resolve(node, space, context);
        if (!ReferenceEquals(resolved, node))
            set(resolved);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex AvroName();

    private static JsonNode? Read(string path)
    {
        try
        {
            // Duplicate keys refused while parsing, not later when a node is first read (an ArgumentException there).
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new AvroFormatException($"schema file {path} is not valid JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AvroFormatException($"schema file {path} cannot be read: {e.Message}", e);
        }
    }
}
