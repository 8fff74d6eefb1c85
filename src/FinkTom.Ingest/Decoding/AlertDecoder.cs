using System.Runtime.CompilerServices;
using Avro;
using Avro.Generic;
using FinkTom.Core.Model;
using FinkTom.Core.Science;

namespace FinkTom.Ingest.Decoding;

/// <summary>
/// Turns one Avro alert record (Apache.Avro <see cref="GenericRecord"/>) into an <see cref="Alert"/>. Handles
/// every packet layout in the samples: raw ZTF alerts (<c>ztf.alert</c>, schema 3.2/3.3/4.02), Spark-written
/// <c>topLevelRecord</c> files (all fields nullable; ZTF 4.02 re-serialised, Fink-enriched, snappy), the Data
/// Transfer's <c>topLevelRecord.value</c>, and the 2019/2020 Fink stream formats.
/// </summary>
/// <remarks>
/// <para>Mapping: <c>objectId, candid, schemavsn, publisher, fink_broker_version, fink_science_version</c> and every
/// <c>candidate</c> field → <c>i:</c>; root Fink added values → <c>d:</c> (old names <c>rfscore</c>, <c>knscore</c>,
/// <c>snn</c> → <c>rf_snia_vs_nonia</c>, <c>rf_kn_vs_nonkn</c>, <c>snn_snia_vs_nonia</c>); <c>mangrove{…}</c> and
/// <c>blazar_stats{…}</c> → <c>d:mangrove_*</c>, <c>d:blazar_stats_*</c>; <c>lc_features_g/r{26}</c> → JSON array
/// strings; <c>prv_candidates</c> (or, lacking those, the 2020 <c>c*</c> arrays) → <see cref="Alert.History"/>;
/// cutout <c>stampData</c> → <see cref="Alert.Cutouts"/> byte for byte. Values are converted to the column type
/// (<see cref="ColumnValues"/>). Then the rule-based Fink values the packet lacks (<see cref="ZtfScience"/>), and finally
/// <c>d:classification</c> = <see cref="FinkClassifier.Classify"/>.</para>
/// <para>Root fields with no catalogue column are dropped (<see cref="GetUnmappedFields"/> lists them per schema).
/// In the samples: <c>timestamp</c>, <c>topic</c>, <c>hour</c>, <c>brokerIngestTimestamp</c>,
/// <c>brokerStartProcessTimestamp</c>, <c>brokerEndProcessTimestamp</c>, the per-user <c>anomaly_score_*</c> variants,
/// <c>finkclass</c>, <c>tnsclass</c>, <c>year</c>, <c>month</c>, <c>day</c>, <c>cmagzpsci</c>, ZTF 4.x
/// <c>fp_hists</c>, and the pre-0.5 <c>mulens</c> record (its later float has no equivalent in it).</para>
/// <para>Thread-safe; layouts are cached per writer schema instance.</para>
/// </remarks>
public sealed class AlertDecoder
{
    private readonly ConditionalWeakTable<RecordSchema, AlertLayout> _layouts = new();

    /// <summary>Decodes a record. Throws <see cref="AlertDecodeException"/> when it is not a ZTF alert or lacks
    /// objectId, candid or candidate.jd.</summary>
    public Alert Decode(GenericRecord record)
    {
        if (IsLsst(record.Schema))
            return Lsst.LsstAlertDecoder.Decode(record);
        var layout = LayoutOf(record.Schema);
        if (layout.NotAnAlertReason is { } reason)
            throw new AlertDecodeException(reason);

        var alert = new Alert();
        var values = alert.Values;
        if (record.GetValue(layout.Candidate) is GenericRecord candidate)
        {
            var slots = ReferenceEquals(candidate.Schema, layout.CandidateSchema)
                ? layout.CandidateSlots
                : AlertLayout.CandidateSlotsFor(candidate.Schema, unmapped: null);
            Copy(candidate, slots, values);
        }
        Copy(record, layout.Direct, values); // after the candidate: the root candid wins when both are set
        foreach (var field in layout.Flattened)
            CopyFlattened(record.GetValue(field.Position), field.ColumnsByKey, values);
        foreach (var lightCurve in layout.LightCurves)
            values[lightCurve.Column.Ordinal] = LightCurveFeatures.ToJson(record.GetValue(lightCurve.Position), lightCurve);

        var (objectId, jd) = RequireKeys(alert);

        AddHistory(record, layout, objectId, jd, alert.History);
        alert.Cutouts = ReadCutouts(record, layout.Cutouts);
        ZtfScience.Complete(alert); // raw alerts get Fink's rule-based values; enriched ones keep theirs
        values[ColumnCatalog.Classification.Ordinal] = FinkClassifier.Classify(alert);
        return alert;
    }

    /// <summary>Why records of this schema cannot be decoded as alerts (e.g. an LSST alert), or null if they can.</summary>
    /// <summary>
    /// The keys a ZTF alert cannot be stored without (objectId, candid, jd), checked once its values are copied;
    /// both decoders (this one and the direct plans) refuse the same alerts with the same messages.
    /// </summary>
    internal static (string ObjectId, double Jd) RequireKeys(Alert alert)
    {
        var objectId = alert.ObjectId;
        if (objectId.Length == 0)
            throw new AlertDecodeException("alert has no objectId");
        if (alert.Values[ColumnCatalog.Candid.Ordinal] is null)
            throw new AlertDecodeException($"alert of {objectId} has no candid");
        if (alert.Values[ColumnCatalog.Jd.Ordinal] is not double jd)
            throw new AlertDecodeException($"alert {alert.Candid} of {objectId} has no candidate.jd");
        return (objectId, jd);
    }

    public string? Check(Schema schema) => schema switch
    {
        RecordSchema record when IsLsst(record) => null,
        RecordSchema record => LayoutOf(record).NotAnAlertReason is { } reason ? reason + " nor a Rubin alert (no 'diaSource' record)" : null,
        _ => $"schema '{schema.Fullname}' is not a record",
    };

    // Rubin/LSST alerts (native or Fink-processed) go to their own decoder; the answer is cached with the layout.
    private readonly ConditionalWeakTable<RecordSchema, object> _lsst = new();

    private bool IsLsst(RecordSchema schema) =>
        _lsst.GetValue(schema, s => Lsst.LsstAlertDecoder.IsLsstAlert(s)) is true;

    /// <summary>Root fields (and <c>candidate.*</c> fields) of this schema that have no catalogue column and are dropped.</summary>
    public IReadOnlyList<string> GetUnmappedFields(RecordSchema schema) => LayoutOf(schema).Unmapped;

    private AlertLayout LayoutOf(RecordSchema schema) => _layouts.GetValue(schema, AlertLayout.Build);

    private static void Copy(GenericRecord record, ColumnSlot[] slots, object?[] values)
    {
        foreach (var (position, column) in slots)
        {
            if (ColumnValues.Convert(record.GetValue(position), column.Type) is { } value)
                values[column.Ordinal] = value;
        }
    }

    private static void CopyFlattened(object? nested, Dictionary<string, ColumnDef> columnsByKey, object?[] values)
    {
        switch (nested)
        {
            case IDictionary<string, object> map:
                foreach (var (key, value) in map)
                {
                    if (columnsByKey.TryGetValue(key, out var column))
                        values[column.Ordinal] = ColumnValues.Convert(value, column.Type);
                }
                break;
            case GenericRecord record:
                foreach (var field in record.Schema.Fields)
                {
                    if (columnsByKey.TryGetValue(field.Name, out var column))
                        values[column.Ordinal] = ColumnValues.Convert(record.GetValue(field.Pos), column.Type);
                }
                break;
        }
    }

    private static void AddHistory(GenericRecord record, AlertLayout layout, string objectId, double jd, List<HistoryPoint> history)
    {
        if (layout.PrvCandidates >= 0 && record.GetValue(layout.PrvCandidates) is object?[] items)
        {
            history.EnsureCapacity(items.Length);
            foreach (var item in items)
            {
                if (item is not GenericRecord prv)
                    continue;
                var itemLayout = ReferenceEquals(prv.Schema, layout.History?.Schema) ? layout.History! : new HistoryLayout(prv.Schema);
                if (itemLayout.Read(prv, objectId) is { } point)
                    history.Add(point);
            }
        }
        else
        {
            layout.CompactHistory?.AddPoints(record, objectId, jd, history);
        }
    }

    private static AlertCutouts? ReadCutouts(GenericRecord record, int[] positions)
    {
        var science = StampData(record, positions[0]);
        var template = StampData(record, positions[1]);
        var difference = StampData(record, positions[2]);
        return science is null && template is null && difference is null ? null : new AlertCutouts(science, template, difference);
    }

    // ZTF: cutout{fileName, stampData}; LSST-style packets: the bytes themselves.
    private static byte[]? StampData(GenericRecord record, int position) => position < 0 ? null : record.GetValue(position) switch
    {
        byte[] bytes => bytes,
        GenericRecord cutout when cutout.TryGetValue("stampData", out var data) => data as byte[],
        _ => null,
    };
}
