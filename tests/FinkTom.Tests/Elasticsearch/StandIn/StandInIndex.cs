using System.Text.Json;

namespace FinkTom.Tests.Elasticsearch.StandIn;

/// <summary>One document as the stand-in indexes it: its source and its typed field values per the mapping.</summary>
public sealed record StandInDocument(string Index, string Id, JsonElement Source, IReadOnlyDictionary<string, object> Values);

/// <summary>
/// An index of the stand-in: explicit mappings, aliases, and documents that become visible to searches only at the next
/// refresh, as in Elasticsearch (near real-time search).
/// </summary>
public sealed class StandInIndex(string name, Dictionary<string, string> mappings, bool strict, IEnumerable<string> aliases)
{
    private readonly Dictionary<string, StandInDocument> _stored = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _externalVersions = new(StringComparer.Ordinal);
    private Dictionary<string, StandInDocument> _visible = new(StringComparer.Ordinal);

    public string Name { get; } = name;

    public Dictionary<string, string> Mappings { get; } = mappings;

    public HashSet<string> Aliases { get; } = new(aliases, StringComparer.Ordinal);

    public IEnumerable<StandInDocument> Visible => _visible.Values;

    public bool Contains(string id) => _stored.ContainsKey(id);

    /// <summary>Removes a document (visible to searches until the next refresh, as in Elasticsearch); false when absent.</summary>
    public bool Delete(string id)
    {
        _externalVersions.Remove(id);
        return _stored.Remove(id);
    }

    public void Refresh() => _visible = new Dictionary<string, StandInDocument>(_stored, StringComparer.Ordinal);

    /// <summary>
    /// An <c>update</c> with <c>upsert</c>: the upsert document when the id is new, else FinkTom's one script (fill in a
    /// missing candid, otherwise a no-op).
    /// </summary>
    public (int Status, string? Type, string? Reason) Update(string id, JsonElement body)
    {
        if (!_stored.TryGetValue(id, out var existing))
            return Put(id, body.GetProperty("upsert"), create: true);
        var script = body.GetProperty("script");
        if (script.GetProperty("source").GetString() != FinkTom.Store.Elasticsearch.Mapping.HistoryDocuments.FillCandidScript)
            return (400, "script_exception", "the stand-in runs only FinkTom's history script");
        if (existing.Source.TryGetProperty("candid", out var candid) && candid.ValueKind != JsonValueKind.Null)
            return (200, null, null); // noop
        var source = System.Text.Json.Nodes.JsonNode.Parse(existing.Source.GetRawText())!.AsObject();
        source["candid"] = script.GetProperty("params").GetProperty("candid").GetInt64();
        return Put(id, JsonDocument.Parse(source.ToJsonString()).RootElement, create: false);
    }

    /// <summary>Indexes a document; (status, error type, reason) as a bulk item reports them. With an external version
    /// (<c>version_type: external_gte</c>), a version below the stored one is refused with 409 and nothing changes.</summary>
    public (int Status, string? Type, string? Reason) Put(string id, JsonElement source, bool create, long? externalGte = null)
    {
        if (create && _stored.ContainsKey(id))
            return (409, "version_conflict_engine_exception", $"[{id}]: version conflict, document already exists");
        if (externalGte is { } version && _externalVersions.TryGetValue(id, out var current) && version < current)
            return (409, "version_conflict_engine_exception", $"[{id}]: version conflict, current version [{current}] is higher than the one provided [{version}]");
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var property in source.EnumerateObject())
        {
            if (!Mappings.TryGetValue(property.Name, out var type))
            {
                if (strict)
                    return (400, "strict_dynamic_mapping_exception", $"mapping set to strict, dynamic introduction of [{property.Name}] within [_doc] is not allowed");
                continue;
            }
            if (property.Value.ValueKind == JsonValueKind.Null)
                continue;
            try
            {
                values[property.Name] = StandInValues.Index(type, property.Value);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or OverflowException or KeyNotFoundException)
            {
                return (400, "document_parsing_exception", $"failed to parse field [{property.Name}] of type [{type}]: {e.Message}");
            }
        }
        var created = !_stored.ContainsKey(id);
        _stored[id] = new StandInDocument(Name, id, source.Clone(), values);
        if (externalGte is { } stored)
            _externalVersions[id] = stored;
        return (created ? 201 : 200, null, null);
    }
}
