using Avro;
using Avro.Generic;

namespace FinkTom.Ingest.Avro;

/// <summary>A parsed writer schema with its (expensive to build, reusable) datum reader.</summary>
public sealed class CachedSchema
{
    internal CachedSchema(Schema schema)
    {
        Schema = schema;
        DatumReader = new GenericDatumReader<GenericRecord>(schema, schema);
    }

    public Schema Schema { get; }

    /// <summary>Reads records written with <see cref="Schema"/>; stateless between reads, so it can be shared.</summary>
    public GenericDatumReader<GenericRecord> DatumReader { get; }
}
