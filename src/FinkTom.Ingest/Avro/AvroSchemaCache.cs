using System.Collections.Concurrent;
using Avro;

namespace FinkTom.Ingest.Avro;

/// <summary>
/// Parsed Avro schemas keyed by their JSON text. A ZTF night is ~10⁵ single-alert files that all embed the same
/// schema, and every Fink livestream message repeats its writer schema as the Kafka key (contract
/// fink-livestream §3): parsing it and building a datum reader each time would cost more than decoding the alert.
/// Thread-safe; bounded so that a stream of ever-new schemas cannot grow it without limit.
/// </summary>
public sealed class AvroSchemaCache(int capacity = 64)
{
    private readonly ConcurrentDictionary<string, CachedSchema> _byJson = new(StringComparer.Ordinal);

    /// <summary>The parsed schema for this JSON. Throws <see cref="AvroFormatException"/> when it is not an Avro schema.</summary>
    public CachedSchema Get(string schemaJson)
    {
        if (_byJson.TryGetValue(schemaJson, out var cached))
            return cached;

        cached = Parse(schemaJson);
        if (_byJson.Count >= capacity)
            _byJson.Clear(); // rare: simpler than LRU, and a re-parse is only a few milliseconds
        return _byJson.GetOrAdd(schemaJson, cached);
    }

    private static CachedSchema Parse(string schemaJson)
    {
        try
        {
            // fastavro's parsed-schema dumps (Data Transfer "--dump_schemas") add "__fastavro_parsed" and
            // "__named_schemas" keys; Apache.Avro keeps unknown keys as custom properties, so they parse as is.
            return new CachedSchema(Schema.Parse(schemaJson), schemaJson);
        }
        catch (Exception e) // Apache.Avro throws schema, type and JSON exceptions alike for bad input
        {
            throw new AvroFormatException($"writer schema is not a valid Avro schema: {e.Message}", e);
        }
    }
}
