using System.Runtime.CompilerServices;
using Avro;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;

namespace FinkTom.Ingest.Decoding.Lsst;

/// <summary>
/// Which catalogue column each field of a Rubin or Fink-LSST record fills, per section (contract
/// <c>fink-lsst-api.md</c> §1.4): the last path component under <c>r:</c>, except <c>xm.*</c>/<c>clf.*</c>
/// (<c>f:xm_*</c>, <c>f:clf_*</c>) and <c>pred.*</c>/<c>misc.*</c> (<c>f:*</c>); the first section to name a column
/// owns it. Slots are worked out once per record schema.
/// </summary>
public static class LsstSections
{
    public const string DiaSource = "diaSource";
    public const string DiaObject = "diaObject";
    public const string SsSource = "ssSource";
    public const string MpcOrbits = "mpc_orbits";
    public const string PrvDiaSources = "prvDiaSources";
    public const string PrvDiaForcedSources = "prvDiaForcedSources";

    /// <summary>Fields of the root a catalogue column takes.</summary>
    private static readonly Dictionary<string, string> RootColumns = new(StringComparer.Ordinal)
    {
        ["diaSourceId"] = "r:diaSourceId",
        ["observation_reason"] = "r:observation_reason",
        ["target_name"] = "r:target_name",
        ["fink_broker_version"] = "f:fink_broker_version",
        ["fink_science_version"] = "f:fink_science_version",
        ["lsst_schema_version"] = "f:lsst_schema_version",
    };

    private static readonly Survey Lsst = Survey.Lsst;
    private static readonly ConditionalWeakTable<RecordSchema, ColumnSlot[]> Cache = new();
    private static readonly ConditionalWeakTable<RecordSchema, MeasurementSlots> MeasurementCache = new();

    /// <summary>The columns a section fills: a column per field it owns (first section wins).</summary>
    private static readonly Dictionary<string, Dictionary<string, ColumnDef>> Owners = BuildOwners();

    internal static ColumnSlot[] RootSlots(RecordSchema root) => Cache.GetValue(root, r => Slots(r, RootColumns.ToDictionary(
        kv => kv.Key, kv => Lsst.Catalog.Get(kv.Value), StringComparer.Ordinal)));

    /// <summary>The slots of a section record (diaSource, diaObject, ssSource, mpc_orbits, xm, clf, pred, misc).</summary>
    internal static ColumnSlot[] SectionSlots(string section, RecordSchema schema) =>
        Cache.GetValue(schema, s => Slots(s, Owners.TryGetValue(section, out var owned) ? owned : []));

    /// <summary>How the items of a history array map onto its kind's catalogue.</summary>
    internal static MeasurementSlots MeasurementSlotsOf(HistoryKind kind, RecordSchema item) =>
        MeasurementCache.GetValue(item, s => new MeasurementSlots(kind, s.Fields
            .Where(f => kind.Catalog!.TryGet("r:" + f.Name, out _))
            .Select(f => new ColumnSlot(f.Pos, kind.Catalog!.Get("r:" + f.Name))).ToArray()));

    /// <summary>The columns a section owns (a section is there when one of them has a value); the root's for "".</summary>
    public static IReadOnlyCollection<ColumnDef> OwnedBy(string section) =>
        section.Length == 0 ? RootColumns.Values.Select(Lsst.Catalog.Get).ToList()
        : Owners.TryGetValue(section, out var owned) ? owned.Values : [];

    /// <summary>The column a field of a section holds, for writing a section back: its own column, or the one of an
    /// earlier section holding the same value (<c>diaObject.diaObjectId</c> → <c>r:diaObjectId</c>); null when FinkTom
    /// keeps no such value.</summary>
    public static ColumnDef? ColumnOf(string section, string field)
    {
        if (section.Length == 0)
            return RootColumns.TryGetValue(field, out var root) ? Lsst.Catalog.Get(root) : null;
        if (Owners.TryGetValue(section, out var owned) && owned.TryGetValue(field, out var column))
            return column;
        return section is DiaSource or DiaObject or SsSource or MpcOrbits && Lsst.Catalog.TryGet("r:" + field, out var shared) ? shared : null;
    }

    private static ColumnSlot[] Slots(RecordSchema schema, Dictionary<string, ColumnDef> columns) =>
        schema.Fields.Where(f => columns.ContainsKey(f.Name)).Select(f => new ColumnSlot(f.Pos, columns[f.Name])).ToArray();

    private static Dictionary<string, Dictionary<string, ColumnDef>> BuildOwners()
    {
        var catalog = Lsst.Catalog;
        var taken = new HashSet<string>(RootColumns.Keys, StringComparer.Ordinal);
        Dictionary<string, ColumnDef> Own(string record, bool objectPositions = false)
        {
            var owned = new Dictionary<string, ColumnDef>(StringComparer.Ordinal);
            foreach (var (name, _, _) in Core.Surveys.Lsst.RubinRecords.Fields(record))
            {
                if (!taken.Add(name))
                {
                    if (objectPositions && catalog.TryGet("o:" + name, out var own))
                        owned[name] = own; // the object's own ra, dec, … beside the diaSource's
                }
                else if (catalog.TryGet("r:" + name, out var column))
                    owned[name] = column; // every field but mpc_orbits' JSON text
            }
            return owned;
        }
        return new Dictionary<string, Dictionary<string, ColumnDef>>(StringComparer.Ordinal)
        {
            [DiaSource] = Own(Core.Surveys.Lsst.RubinRecords.DiaSource),
            [DiaObject] = Own(Core.Surveys.Lsst.RubinRecords.DiaObject, objectPositions: true),
            [SsSource] = Own(Core.Surveys.Lsst.RubinRecords.SsSource),
            [MpcOrbits] = Own(Core.Surveys.Lsst.RubinRecords.MpcOrbits),
            ["xm"] = Core.Surveys.Lsst.FinkLsstFields.CrossMatches.ToDictionary(x => x.Field, x => catalog.Get("f:xm_" + x.Field), StringComparer.Ordinal),
            ["clf"] = Core.Surveys.Lsst.FinkLsstFields.Classifiers.ToDictionary(x => x.Field, x => catalog.Get("f:clf_" + x.Field), StringComparer.Ordinal),
            ["pred"] = Core.Surveys.Lsst.FinkLsstFields.ObjectFields.Where(x => x.Field != "firstDiaSourceMjdTaiFink")
                .ToDictionary(x => x.Field, x => catalog.Get("f:" + x.Field), StringComparer.Ordinal),
            ["misc"] = new(StringComparer.Ordinal) { ["firstDiaSourceMjdTaiFink"] = catalog.Get("f:firstDiaSourceMjdTaiFink") },
        };
    }
}

/// <summary>The columns of one history item schema.</summary>
internal sealed record MeasurementSlots(HistoryKind Kind, ColumnSlot[] Slots);
