using Avro;
using Avro.Generic;
using FinkTom.Core.Model;
using FinkTom.Core.Sky;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst.Tags;

namespace FinkTom.Ingest.Decoding.Lsst;

/// <summary>
/// Turns one Rubin alert record into an <see cref="Alert"/> of <see cref="Survey.Lsst"/>. Both layouts of the
/// contract (<c>fink-lsst-api.md</c> §6.9): Rubin's own (<c>lsst.vM_m.alert</c>, unions <c>["null", T]</c>, absent
/// sections null) and Fink's (<c>topLevelRecord</c>, unions <c>[T, "null"]</c>, every section present, an absent one
/// with all fields null, plus <c>xm</c>, <c>clf</c>, <c>pred</c>, <c>misc</c>).
/// </summary>
/// <remarks>
/// Rubin writes 0, not null, for the object of a Solar System alert (and for the ssObjectId of a static one): those
/// become null. A packet without Fink's sections gets the values Fink derives from Rubin's fields alone
/// (<c>is_sso</c>, <c>is_first</c>, <c>firstDiaSourceMjdTaiFink</c>), and every alert its <c>f:pixel1024</c>
/// (HEALPix nside 1024, RING). Cutouts are kept byte for byte (raw multi-HDU FITS). Last, every <c>t:</c> column
/// gets Fink's tag outcome (<see cref="LsstTagEvaluator"/>).
/// </remarks>
public static class LsstAlertDecoder
{
    private static readonly Survey Lsst = Survey.Lsst;
    private static readonly ColumnDef ObjectId = Lsst.ObjectId;
    private static readonly ColumnDef SsObjectId = Lsst.Catalog.Get("r:ssObjectId");
    private static readonly ColumnDef NDiaSources = Lsst.Catalog.Get("r:nDiaSources");
    private static readonly ColumnDef IsSso = Lsst.Catalog.Get("f:is_sso");
    private static readonly ColumnDef IsFirst = Lsst.Catalog.Get("f:is_first");
    private static readonly ColumnDef FirstTime = Lsst.Catalog.Get("f:firstDiaSourceMjdTaiFink");
    private static readonly ColumnDef SchemaVersion = Lsst.Catalog.Get("f:lsst_schema_version");
    private static readonly ColumnDef Pixel = Lsst.Catalog.Get("f:pixel1024");
    private static readonly HistoryKind PreviousSources = Lsst.History.Single(k => k.Name == LsstSections.PrvDiaSources);
    private static readonly HistoryKind ForcedSources = Lsst.History.Single(k => k.Name == LsstSections.PrvDiaForcedSources);

    /// <summary>Whether records of this schema are Rubin alerts (a root with a <c>diaSource</c> record).</summary>
    public static bool IsLsstAlert(RecordSchema root) =>
        root.TryGetField(LsstSections.DiaSource, out var field) && AvroSchemas.AsRecord(field.Schema) is not null;

    public static Alert Decode(GenericRecord record)
    {
        var alert = new Alert(Lsst);
        var values = alert.Values;
        var root = record.Schema;
        Copy(record, LsstSections.RootSlots(root), values);

        if (Section(record, LsstSections.DiaSource) is not { } diaSource)
            throw new AlertDecodeException($"Rubin alert {values[Lsst.AlertId.Ordinal]} has no diaSource");
        Copy(diaSource, LsstSections.SectionSlots(LsstSections.DiaSource, diaSource.Schema), values);
        // Rubin's 0 for "no object" (Solar System alerts) and "no Solar System object" (static alerts).
        if (values[ObjectId.Ordinal] is 0L)
            values[ObjectId.Ordinal] = null;
        if (values[SsObjectId.Ordinal] is 0L)
            values[SsObjectId.Ordinal] = null;

        var diaObject = Present(Section(record, LsstSections.DiaObject), "diaObjectId");
        if (diaObject is not null)
        {
            Copy(diaObject, LsstSections.SectionSlots(LsstSections.DiaObject, diaObject.Schema), values);
            if (values[ObjectId.Ordinal] is null && diaObject.TryGetValue("diaObjectId", out var id) && id is long objectId and > 0)
                values[ObjectId.Ordinal] = objectId;
        }
        var ssSource = Present(Section(record, LsstSections.SsSource), "ssObjectId");
        if (ssSource is not null)
            Copy(ssSource, LsstSections.SectionSlots(LsstSections.SsSource, ssSource.Schema), values);
        if (Present(Section(record, LsstSections.MpcOrbits), "packed_primary_provisional_designation") is { } orbits)
            Copy(orbits, LsstSections.SectionSlots(LsstSections.MpcOrbits, orbits.Schema), values);

        var finkProcessed = false;
        foreach (var name in (string[])["xm", "clf", "pred", "misc"])
        {
            if (Section(record, name) is not { } fink)
                continue;
            finkProcessed = true;
            Copy(fink, LsstSections.SectionSlots(name, fink.Schema), values);
        }

        AddHistory(record, LsstSections.PrvDiaSources, PreviousSources, alert);
        AddHistory(record, LsstSections.PrvDiaForcedSources, ForcedSources, alert);
        if (!finkProcessed)
            DeriveFinkPredicates(alert, ssSource is not null, diaObject is not null);
        values[SchemaVersion.Ordinal] ??= RubinSchemaVersion(root);
        if (values[Lsst.Ra.Ordinal] is double ra && values[Lsst.Dec.Ordinal] is double dec && double.IsFinite(ra) && double.IsFinite(dec))
            values[Pixel.Ordinal] = Healpix.PixelRing(1024, ra, dec);
        alert.Cutouts = ReadCutouts(record);
        LsstTagEvaluator.Apply(alert); // Fink's tags, as its distribute step would flag this alert
        return alert;
    }

    // What Fink's pred/misc say, from Rubin's own fields (contract §4.4): is_sso = an ssSource is there; is_first =
    // the object has one diaSource (null without an object); first time = the earliest previous diaSource, or this one.
    internal static void DeriveFinkPredicates(Alert alert, bool hasSsSource, bool hasDiaObject)
    {
        var values = alert.Values;
        values[IsSso.Ordinal] = hasSsSource;
        values[IsFirst.Ordinal] = hasDiaObject && values[NDiaSources.Ordinal] is int n ? n == 1 : null;
        var first = alert.Time;
        foreach (var previous in alert.Measurements)
            if (previous.Kind == PreviousSources && previous.Time < first)
                first = previous.Time;
        values[FirstTime.Ordinal] = double.IsFinite(first) ? first : null;
    }

    private static void AddHistory(GenericRecord record, string field, HistoryKind kind, Alert alert)
    {
        if (!record.TryGetValue(field, out var value) || value is not object?[] items)
            return;
        foreach (var item in items)
        {
            if (item is not GenericRecord entry)
                continue;
            var (_, slots) = LsstSections.MeasurementSlotsOf(kind, entry.Schema);
            var measurement = new Measurement(kind);
            foreach (var (position, column) in slots)
                measurement.Values[column.Ordinal] = ColumnValues.Convert(entry.GetValue(position), column.Type);
            if (measurement.Id > 0 && double.IsFinite(measurement.Time))
                alert.Measurements.Add(measurement);
        }
    }

    private static GenericRecord? Section(GenericRecord record, string name) =>
        record.TryGetValue(name, out var value) ? value as GenericRecord : null;

    // Fink writes an absent section as a record of nulls: the section's id tells.
    private static GenericRecord? Present(GenericRecord? section, string idField) =>
        section is not null && section.TryGetValue(idField, out var id) && id is not null && id is not 0L ? section : null;

    private static void Copy(GenericRecord record, ColumnSlot[] slots, object?[] values)
    {
        foreach (var (position, column) in slots)
            if (ColumnValues.Convert(record.GetValue(position), column.Type) is { } value)
                values[column.Ordinal] = value;
    }

    /// <summary><c>lsst.v10_0</c> from a native record named <c>lsst.v10_0.alert</c>; null for Fink's layouts.</summary>
    internal static string? RubinSchemaVersion(RecordSchema root) =>
        root.Namespace is { } ns && ns.StartsWith("lsst.v", StringComparison.Ordinal) ? ns : null;

    private static AlertCutouts? ReadCutouts(GenericRecord record)
    {
        byte[]? Stamp(string name) => record.TryGetValue(name, out var value) ? value as byte[] : null;
        var (science, template, difference) = (Stamp("cutoutScience"), Stamp("cutoutTemplate"), Stamp("cutoutDifference"));
        return science is null && template is null && difference is null ? null : new AlertCutouts(science, template, difference);
    }
}
