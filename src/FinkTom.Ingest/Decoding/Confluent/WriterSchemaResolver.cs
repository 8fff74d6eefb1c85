using System.Collections.Concurrent;
using FinkTom.Ingest.Avro;

namespace FinkTom.Ingest.Decoding.Confluent;

/// <summary>
/// Schema id → parsed writer schema, asking the sources in order (a local folder before the registry) and caching
/// what they find for the life of the process (a registry never changes the schema behind an id). An id that no source
/// knows is an <see cref="AvroFormatException"/>, remembered for <see cref="UnknownFor"/> so that a stream of such
/// messages does not query the registry for each one. Thread-safe.
/// </summary>
public sealed class WriterSchemaResolver
{
    public static readonly TimeSpan UnknownFor = TimeSpan.FromMinutes(1);
    private const int MaxUnknown = 1024;

    private readonly IReadOnlyList<IWriterSchemaSource> _sources;
    private readonly TimeProvider _clock;
    private readonly AvroSchemaCache _parser = new();
    private readonly ConcurrentDictionary<int, CachedSchema> _known = new();
    private readonly ConcurrentDictionary<int, (DateTimeOffset Until, string Reason)> _unknown = new();

    public WriterSchemaResolver(IReadOnlyList<IWriterSchemaSource> sources, TimeProvider? clock = null)
    {
        _sources = sources;
        _clock = clock ?? TimeProvider.System;
    }

    public IReadOnlyList<IWriterSchemaSource> Sources => _sources;

    /// <summary>The writer schema of <paramref name="schemaId"/>. Throws <see cref="AvroFormatException"/> when no source has
    /// it or its text is not an Avro schema, <see cref="SchemaSourceUnavailableException"/> when a source cannot answer now.</summary>
    public CachedSchema Resolve(int schemaId)
    {
        if (_known.TryGetValue(schemaId, out var known))
            return known;
        var now = _clock.GetUtcNow();
        if (_unknown.TryGetValue(schemaId, out var unknown) && unknown.Until > now)
            throw new AvroFormatException(unknown.Reason);

        foreach (var source in _sources)
        {
            if (source.Find(schemaId) is not { } json)
                continue;
            CachedSchema schema;
            try
            {
                schema = _parser.Get(json);
            }
            catch (AvroFormatException e)
            {
                throw Remember(schemaId, now, $"schema id {schemaId} from {source.Description}: {e.Message}");
            }
            _unknown.TryRemove(schemaId, out _);
            return _known.GetOrAdd(schemaId, schema);
        }
        var where = _sources.Count == 0 ? "no schema source is configured" : "not in " + string.Join(" nor ", _sources.Select(s => s.Description));
        throw Remember(schemaId, now, $"unknown schema id {schemaId}: {where}");
    }

    private AvroFormatException Remember(int schemaId, DateTimeOffset now, string reason)
    {
        if (_unknown.Count >= MaxUnknown)
            _unknown.Clear(); // random ids from a corrupt stream: forget rather than grow
        _unknown[schemaId] = (now + UnknownFor, reason);
        return new AvroFormatException(reason);
    }
}
