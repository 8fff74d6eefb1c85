using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Core.Store;

namespace FinkTom.Store.Elasticsearch.Mapping;

/// <summary>The three stamps of an alert (gzipped FITS, base64 in JSON as <c>binary</c> requires), keyed by candid.</summary>
public static class CutoutDocuments
{
    public static readonly (string Name, string Type)[] Fields =
    [
        ("objectId", "keyword"), ("candid", "long"), ("jd", "double"),
        ("science", "binary"), ("template", "binary"), ("difference", "binary"),
    ];

    public static void Write(Utf8JsonWriter json, Alert alert, AlertCutouts cutouts)
    {
        json.WriteStartObject();
        json.WriteString("objectId", alert.ObjectId);
        json.WriteNumber("candid", alert.Candid);
        json.WriteNumber("jd", alert.Jd);
        Bytes("science", cutouts.Science);
        Bytes("template", cutouts.Template);
        Bytes("difference", cutouts.Difference);
        json.WriteEndObject();

        void Bytes(string name, byte[]? bytes)
        {
            if (bytes is not null)
                json.WriteBase64String(name, bytes);
        }
    }

    public static AlertCutouts ReadCutouts(JsonElement source) =>
        new(Bytes(source, "science"), Bytes(source, "template"), Bytes(source, "difference"));

    public static StoredCutouts Read(JsonElement source) =>
        new(source.GetProperty("objectId").GetString()!, source.GetProperty("candid").GetInt64(), ReadCutouts(source));

    private static byte[]? Bytes(JsonElement source, string name) =>
        source.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetBytesFromBase64() : null;
}
