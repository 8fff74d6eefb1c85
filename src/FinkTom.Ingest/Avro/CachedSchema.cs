using Avro;
using Avro.Generic;
using FinkTom.Ingest.Decoding;

namespace FinkTom.Ingest.Avro;

/// <summary>A parsed writer schema with its (expensive to build, reusable) datum readers.</summary>
public sealed class CachedSchema
{
    private readonly Lazy<GenericDatumReader<GenericRecord>> _alertReader;

    internal CachedSchema(Schema schema, string? json = null)
    {
        Schema = schema;
        DatumReader = new GenericDatumReader<GenericRecord>(schema, schema);
        _alertReader = new Lazy<GenericDatumReader<GenericRecord>>(() =>
            json is not null && AlertReaderSchema.For(schema, json) is { } pruned
                ? new GenericDatumReader<GenericRecord>(schema, pruned)
                : DatumReader);
    }

    public Schema Schema { get; }

    /// <summary>Reads records written with <see cref="Schema"/>, every field; stateless between reads, so it can be shared.</summary>
    public GenericDatumReader<GenericRecord> DatumReader { get; }

    /// <summary>
    /// Reads only the fields an alert is decoded from, skipping the rest in the binary data (Avro schema
    /// resolution against a pruned reader schema): records of it decode to the same alerts, several times faster.
    /// The same as <see cref="DatumReader"/> for schemas that are not alerts.
    /// </summary>
    public GenericDatumReader<GenericRecord> AlertReader => _alertReader.Value;
}
