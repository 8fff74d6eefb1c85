using System.Text.Json.Nodes;
using FinkTom.Core.Model;

namespace FinkTom.Kafka.Wire;

/// <summary>
/// One of Fink's Kafka layouts: the writer schema (Fink's own, embedded) and a writer per root field, made once. The
/// key of every message is the schema as JSON text; the value is the record in Avro binary, without any header.
/// </summary>
internal sealed class WireLayout
{
    private readonly WireField[] _fields;

    [ThreadStatic] private static AvroWriter? t_writer;

    public WireLayout(JsonObject schema, Func<string, JsonNode, WireField> field)
    {
        _fields = ((JsonArray)schema["fields"]!).Select(f => field(f!["name"]!.GetValue<string>(), f["type"]!)).ToArray();
        SchemaJson = new JsonObject
        {
            ["type"] = "record",
            ["name"] = schema["name"]!.GetValue<string>(),
            ["fields"] = new JsonArray(_fields.Select(JsonNode (f) => f.Schema()).ToArray()),
        }.ToJsonString();
        Key = System.Text.Encoding.UTF8.GetBytes(SchemaJson);
        AlwaysNullFields = _fields.OfType<NullField>().Select(f => f.Name).ToArray();
    }

    public string SchemaJson { get; }

    public byte[] Key { get; }

    public IReadOnlyList<string> AlwaysNullFields { get; }

    public byte[] Encode(Alert alert)
    {
        var writer = t_writer ??= new AvroWriter();
        writer.Reset();
        foreach (var field in _fields)
            field.Write(writer, alert);
        return writer.Written.ToArray();
    }

    /// <summary>An embedded schema of this folder.</summary>
    public static JsonObject Load(string file)
    {
        using var stream = typeof(WireLayout).Assembly.GetManifestResourceStream("FinkTom.Kafka.Wire." + file)
            ?? throw new InvalidOperationException($"{file} is not embedded");
        return (JsonObject)JsonNode.Parse(stream)!;
    }
}
