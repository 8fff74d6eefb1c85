using System.Text.Json.Nodes;
using Avro;

namespace FinkTom.Ingest.Decoding;

/// <summary>
/// An Avro reader schema holding only the fields <see cref="AlertDecoder"/> reads from records of a writer schema.
/// Reading with it (Avro schema resolution) skips every other field in the binary data instead of materialising
/// it: a ZTF packet carries ~30 <c>prv_candidates</c> of 57 fields of which the history keeps 15, plus unmapped
/// root fields such as ZTF 4.x <c>fp_hists</c>. The fields kept have the same names and types, so the decoder sees
/// the same values and produces the same alert (tests decode every sample file both ways and compare).
/// </summary>
internal static class AlertReaderSchema
{
    private const string CandidatePrefix = FinkFieldNames.Candidate + ".";

    /// <summary>The pruned reader schema, or null when there is nothing to prune or pruning is not safe here
    /// (not an alert, a pruned record's type also referenced by name elsewhere, anything unexpected).</summary>
    public static Schema? For(Schema writer, string writerJson)
    {
        try
        {
            if (writer is not RecordSchema root || AlertLayout.Build(root) is not { NotAnAlertReason: null } layout)
                return null;
            if (JsonNode.Parse(writerJson) is not JsonObject rootJson)
                return null;
            var references = new HashSet<string>(StringComparer.Ordinal);
            CollectNameReferences(rootJson, references);

            var dropRoot = layout.Unmapped.Where(n => !n.StartsWith(CandidatePrefix, StringComparison.Ordinal))
                .Except(CompactHistoryLayout.Fields).ToHashSet(StringComparer.Ordinal);
            var dropCandidate = layout.Unmapped.Where(n => n.StartsWith(CandidatePrefix, StringComparison.Ordinal))
                .Select(n => n[CandidatePrefix.Length..]).ToHashSet(StringComparer.Ordinal);

            var pruned = Prune(rootJson, root.Fullname, references, name => dropRoot.Contains(name));
            if (FieldRecord(rootJson, FinkFieldNames.Candidate) is { } candidate && layout.CandidateSchema is { } candidateSchema)
                pruned |= Prune(candidate, candidateSchema.Fullname, references, dropCandidate.Contains);
            if (FieldRecord(rootJson, FinkFieldNames.PrvCandidates) is { } item && layout.History is { } history)
                pruned |= Prune(item, history.Schema.Fullname, references, name => !HistoryLayout.FieldNames.Contains(name));
            return pruned ? Schema.Parse(rootJson.ToJsonString()) : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null; // the full writer schema always works: pruning is only an optimisation
        }
    }

    /// <summary>Removes the fields <paramref name="drop"/> selects from a record definition; false when none or
    /// when the record's type is used elsewhere by name (pruning it would change those uses too).</summary>
    private static bool Prune(JsonObject record, string fullname, HashSet<string> references, Func<string, bool> drop)
    {
        if (record["fields"] is not JsonArray fields
            || references.Contains(fullname)
            || (record["name"]?.GetValue<string>() is { } name && references.Contains(name)))
            return false;
        var removed = false;
        for (var i = fields.Count - 1; i >= 0; i--)
        {
            if (fields[i]?["name"]?.GetValue<string>() is { } field && drop(field))
            {
                fields.RemoveAt(i);
                removed = true;
            }
        }
        return removed;
    }

    /// <summary>The record definition inside a root field's type (through nullable unions and arrays).</summary>
    private static JsonObject? FieldRecord(JsonObject root, string fieldName)
    {
        var field = (root["fields"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(f => f["name"]?.GetValue<string>() == fieldName);
        return field is null ? null : RecordIn(field["type"]);
    }

    private static JsonObject? RecordIn(JsonNode? type) => type switch
    {
        JsonArray union => union.Select(RecordIn).FirstOrDefault(r => r is not null),
        JsonObject o when o["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && o["type"]!.GetValue<string>() == "record" => o,
        JsonObject o when o["type"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && o["type"]!.GetValue<string>() == "array" => RecordIn(o["items"]),
        JsonObject o => RecordIn(o["type"]),
        _ => null,
    };

    // A type used by name appears as a bare string where a type is expected: a field's "type", an array's
    // "items", a map's "values", or a union member.
    private static void CollectNameReferences(JsonNode? node, HashSet<string> references)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in new[] { "type", "items", "values" })
                {
                    if (o[key] is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
                        references.Add(v.GetValue<string>());
                }
                foreach (var (_, child) in o)
                    CollectNameReferences(child, references);
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    if (child is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String)
                        references.Add(v.GetValue<string>());
                    else
                        CollectNameReferences(child, references);
                }
                break;
        }
    }
}
