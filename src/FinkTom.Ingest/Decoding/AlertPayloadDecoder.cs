using System.Runtime.InteropServices;
using Avro.Generic;
using Avro.IO;
using FinkTom.Core.Model;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding.Direct;

namespace FinkTom.Ingest.Decoding;

/// <summary>
/// Decodes alerts from Kafka message bytes. Two encodings exist (contract fink-livestream §3–4):
/// <list type="bullet">
/// <item>Fink livestream / Data Transfer: the value is one record in Avro binary <em>without</em> container header
/// ("schemaless", Spark <c>to_avro</c>); the writer schema comes as JSON text (livestream: the message key;
/// Data Transfer: the key of the <c>&lt;topic&gt;_schema</c> topic, or a <c>--dump_schemas</c> file).</item>
/// <item>ZTF's own stream: each value is a complete Avro object container (usually one alert).</item>
/// </list>
/// Both throw <see cref="AvroFormatException"/> for bytes that do not match, <see cref="AlertDecodeException"/>
/// for records that are not alerts.
/// </summary>
public sealed class AlertPayloadDecoder(AlertDecoder decoder, AvroSchemaCache schemas)
{
    public AlertPayloadDecoder() : this(new AlertDecoder(), new AvroSchemaCache())
    {
    }

    /// <summary>Decodes a schemaless Avro value written with the schema whose JSON text is <paramref name="writerSchemaJson"/>.
    /// The parsed schema is cached, so passing the same key text for every message is cheap.</summary>
    public Alert DecodeSchemaless(ReadOnlyMemory<byte> value, string writerSchemaJson) =>
        DecodeSchemaless(value, schemas.Get(writerSchemaJson));

    public Alert DecodeSchemaless(ReadOnlyMemory<byte> value, CachedSchema writerSchema)
    {
        if (decoder.Check(writerSchema.Schema) is { } reason)
            throw new AlertDecodeException(reason);

        if (writerSchema.DirectPlan is { } plan)
            return DecodeDirect(value, plan);

        using var stream = AsStream(value);
        GenericRecord record;
        try
        {
            record = writerSchema.AlertReader.Read(null!, new BoundedDecoder(stream));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // fastavro's symptom of the same mismatch is "IndexError: list index out of range" (contract §4).
            throw new AvroFormatException($"payload does not match the writer schema: {e.GetType().Name}: {e.Message}", e);
        }
        if (stream.Position != stream.Length)
            throw new AvroFormatException(
                $"payload does not match the writer schema: {stream.Length - stream.Position} bytes left after the record");
        return decoder.Decode(record);
    }

    // Bytes straight to the alert (DirectAlertPlan), with the generic path's errors.
    private static Alert DecodeDirect(ReadOnlyMemory<byte> value, IDirectPlan plan)
    {
        var bytes = MemoryMarshal.TryGetArray(value, out var segment) ? segment : new ArraySegment<byte>(value.ToArray());
        var reader = new AvroBinaryReader(bytes.Array!, bytes.Offset, bytes.Offset + bytes.Count);
        var state = new DirectDecodeState();
        try
        {
            plan.Read(reader, state);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new AvroFormatException($"payload does not match the writer schema: {e.GetType().Name}: {e.Message}", e);
        }
        if (reader.Remaining != 0)
            throw new AvroFormatException($"payload does not match the writer schema: {reader.Remaining} bytes left after the record");
        return plan.Build(state);
    }

    /// <summary>Decodes every alert of a payload that is a whole Avro container (ZTF's Kafka messages).</summary>
    public IReadOnlyList<Alert> DecodeContainer(ReadOnlyMemory<byte> payload)
    {
        using var reader = AvroContainerReader.Open(AsStream(payload), schemas, alertFieldsOnly: true);
        if (decoder.Check(reader.Schema.Schema) is { } reason)
            throw new AlertDecodeException(reason);
        if (reader.Schema.DirectPlan is { } plan)
            return DecodeContainerDirect(reader, plan);

        var alerts = new List<Alert>(1);
        GenericRecord? record = null;
        while (reader.TryRead(ref record))
            alerts.Add(decoder.Decode(record!));
        return alerts;
    }

    // The first error ends the message, as on the generic path: the Kafka ingestor counts it as poison.
    private static List<Alert> DecodeContainerDirect(AvroContainerReader reader, IDirectPlan plan)
    {
        var alerts = new List<Alert>(1);
        var state = new DirectDecodeState();
        while (reader.TryReadBlock(out var block))
        {
            var outcome = DirectBlocks.Decode(plan, block, state);
            foreach (var record in outcome.Records)
                alerts.Add(record.Alert ?? throw record.Error!);
            if (outcome.Fatal is { } fatal)
                throw fatal;
        }
        return alerts;
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
}
