using System.Text.Json.Nodes;

namespace FinkTom.Tests.Livestream;

/// <summary>An Avro schema as one <c>path: type</c> line per field, depth first in field order, so two schemas compare
/// field by field (names, order, types, nullability). Record names lose their namespace: fastavro's dump of Fink's
/// schema qualifies them (<c>topLevelRecord.candidate</c>), the livestream key does not.</summary>
public static class AvroShape
{
    public static List<string> Lines(JsonNode schema)
    {
        var lines = new List<string>();
        Fields((JsonObject)schema, "", lines);
        return lines;
    }

    private static void Fields(JsonObject record, string prefix, List<string> lines)
    {
        foreach (var field in (JsonArray)record["fields"]!)
        {
            var path = prefix + field!["name"]!.GetValue<string>();
            var at = lines.Count;
            lines.Add(path);
            lines[at] = $"{path}: {Type(field["type"]!, path, lines)}";
        }
    }

    private static string Type(JsonNode type, string path, List<string> lines) => type switch
    {
        JsonArray union => "[" + string.Join(", ", union.Select(t => Type(t!, path, lines))) + "]",
        JsonObject o => o["type"]!.GetValue<string>() switch
        {
            "record" => Record(o, path, lines),
            "array" => "array<" + Type(o["items"]!, path + "[]", lines) + ">",
            "map" => "map<" + Type(o["values"]!, path + "{}", lines) + ">",
            var primitive => primitive,
        },
        _ => type.GetValue<string>(),
    };

    private static string Record(JsonObject record, string path, List<string> lines)
    {
        Fields(record, path + ".", lines);
        return "record " + record["name"]!.GetValue<string>().Split('.')[^1];
    }
}
