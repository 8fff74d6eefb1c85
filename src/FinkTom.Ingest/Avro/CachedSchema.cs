using Avro;
using Avro.Generic;
using FinkTom.Ingest.Decoding;
using FinkTom.Ingest.Decoding.Direct;

namespace FinkTom.Ingest.Avro;

/// <summary>A parsed writer schema with its (expensive to build, reusable) datum readers.</summary>
public sealed class CachedSchema
{
    private readonly Lazy<GenericDatumReader<GenericRecord>> _alertReader;
    private readonly Lazy<IDirectPlan?> _directPlan;

    internal CachedSchema(Schema schema, string? json = null)
    {
        Schema = schema;
        DatumReader = new GenericDatumReader<GenericRecord>(schema, schema);
        _alertReader = new Lazy<GenericDatumReader<GenericRecord>>(() =>
            json is not null && AlertReaderSchema.For(schema, json) is { } pruned
                ? new GenericDatumReader<GenericRecord>(schema, pruned)
                : DatumReader);
        _directPlan = new Lazy<IDirectPlan?>(() =>
        {
            var plan = DirectAlertPlan.TryCompile(schema, out var reason);
            // Records that are not alerts are expected here; an alert schema the planner cannot read is worth a line.
            if (plan is null && schema is RecordSchema root
                && (Decoding.Lsst.LsstAlertDecoder.IsLsstAlert(root) || AlertLayout.Build(root).NotAnAlertReason is null))
                Console.Error.WriteLine($"finktom: no direct Avro decoding plan for schema '{schema.Fullname}' ({reason}): its alerts go through the slower generic path");
            return plan;
        });
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

    /// <summary>The direct decoder's plan for alert records (ZTF or Rubin) of this schema, bytes straight to
    /// alerts, or null: records that are not alerts, and any schema the planner cannot read, go through
    /// <see cref="AlertReader"/> and <see cref="AlertDecoder"/> instead.</summary>
    internal IDirectPlan? DirectPlan => _directPlan.Value;
}
