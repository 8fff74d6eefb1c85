using FinkTom.Core.Model;
using FinkTom.Ingest.Avro;

namespace FinkTom.Ingest.Decoding.Confluent;

/// <summary>
/// Decodes a Confluent-framed Kafka value (Rubin's alert stream) with the writer schema its header's id names — never
/// a schema guessed from the bytes: v10 and v11 bytes differ and read wrongly with each other's schema (contract
/// fink-lsst-api.md §4.2, §6.8). Throws <see cref="AvroFormatException"/> (framing, unknown id, bytes that do not
/// match), <see cref="AlertDecodeException"/> (not an alert) or <see cref="SchemaSourceUnavailableException"/>.
/// </summary>
public sealed class ConfluentAlertDecoder(WriterSchemaResolver schemas, AlertPayloadDecoder payloads)
{
    public ConfluentAlertDecoder(WriterSchemaResolver schemas) : this(schemas, new AlertPayloadDecoder())
    {
    }

    public WriterSchemaResolver Schemas => schemas;

    public Alert Decode(ReadOnlyMemory<byte> value)
    {
        var (schemaId, body) = ConfluentFraming.Split(value);
        var schema = schemas.Resolve(schemaId);
        try
        {
            return payloads.DecodeSchemaless(body, schema);
        }
        catch (AvroFormatException e)
        {
            throw new AvroFormatException($"schema id {schemaId}: {e.Message}", e);
        }
    }
}
