using FinkTom.Core.Model;
using FinkTom.Core.Sky;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;
using FinkTom.Core.Surveys.Lsst.Tags;
using FinkTom.Ingest.Decoding;
using Parquet;
using Parquet.Schema;

namespace FinkTom.Tests.Surveys.Lsst.Tags;

/// <summary>
/// Test-only reader of fink-filters' Rubin test files (<c>../shared/data/lsst/fink-filters_datatest/</c>) into LSST
/// <see cref="Alert"/>s, with the decoder's mapping (<c>LsstSections</c>): root and <c>diaSource</c> fields →
/// <c>r:</c>, <c>diaObject</c> → <c>r:</c> (its own position → <c>o:</c>), <c>xm</c>/<c>clf</c> → <c>f:xm_</c>/<c>f:clf_</c>,
/// <c>pred</c>/<c>misc</c> → <c>f:</c>, <c>prvDiaSources</c> → measurements, cutouts as bytes; then the tags, as
/// <c>LsstAlertDecoder.Decode</c> ends. Both files' layouts are read (Spark's and pandas': FLOAT or DOUBLE, INT32 or
/// INT64, NULL-typed columns, no diaObject) by matching fields by name. Forced photometry and <c>lc_features</c> are
/// not read (no tag uses them).
/// </summary>
internal static class FinkFiltersParquet
{
    private static readonly Survey Lsst = Survey.Lsst;
    private static readonly HistoryKind Previous = Lsst.History.Single(k => k.Name == "prvDiaSources");
    private static readonly Dictionary<string, Dictionary<string, ColumnDef>> Owners = BuildOwners();

    /// <summary>The 27 alerts every Rubin doctest loads; null without the shared data.</summary>
    public static string? RubinTestData => LsstSamples.Shared("fink-filters_datatest/rubin_test_data_10_0.parquet") is { } dir
        ? Directory.GetFiles(dir, "*.parquet").Single()
        : null;

    /// <summary>The 10 alerts of <c>faint_trails</c>' doctest.</summary>
    public static string? FaintTrailsData => LsstSamples.Shared("fink-filters_datatest/faint_trails/faint_trails.parquet");

    private static readonly Dictionary<string, Lazy<Task<List<Alert>>>> Cache = new(StringComparer.Ordinal);

    /// <summary>The file's alerts, read once per test run (tests must not modify them).</summary>
    public static Task<List<Alert>> ReadCachedAsync(string path)
    {
        lock (Cache)
        {
            if (!Cache.TryGetValue(path, out var lazy))
                Cache[path] = lazy = new Lazy<Task<List<Alert>>>(() => ReadAsync(path));
            return lazy.Value;
        }
    }

    public static async Task<List<Alert>> ReadAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var alerts = new List<Alert>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var columns = new Dictionary<string, object?[][]>(StringComparer.Ordinal);
            foreach (var field in reader.Schema.GetDataFields())
            {
                var path2 = field.Path.ToString();
                if (Wanted(path2))
                    columns[path2] = await ReadColumnAsync(group, field);
            }
            for (var row = 0; row < group.RowCount; row++)
                alerts.Add(ToAlert(columns, row));
        }
        return alerts;
    }

    private static bool Wanted(string path) =>
        !path.StartsWith("lc_features/", StringComparison.Ordinal) && !path.StartsWith("prvDiaForcedSources/", StringComparison.Ordinal) &&
        !path.EndsWith("Timestamp", StringComparison.Ordinal);

    private static Alert ToAlert(Dictionary<string, object?[][]> columns, int row)
    {
        var alert = new Alert(Lsst);
        var values = alert.Values;
        object? Value(string path) => columns.TryGetValue(path, out var column) ? column[row].SingleOrDefault() : null;
        bool Present(string section, string idField) => Value($"{section}/{idField}") is { } id && ColumnValues.AsLong(id) is not (null or 0);

        foreach (var (section, owned) in Owners)
        {
            if (section is "diaObject" && !Present("diaObject", "diaObjectId") || section is "ssSource" && !Present("ssSource", "ssObjectId"))
                continue; // Fink writes an absent section as a record of nulls
            foreach (var (field, column) in owned)
                if (ColumnValues.Convert(Value(section == "" ? field : $"{section}/{field}"), column.Type) is { } value)
                    values[column.Ordinal] ??= value;
        }
        // Rubin's 0 for "no object" and "no Solar System object"; the object's own id when the diaSource lacks it.
        if (values[Lsst.ObjectId.Ordinal] is 0L)
            values[Lsst.ObjectId.Ordinal] = null;
        if (values[Lsst.ObjectId.Ordinal] is null && Present("diaObject", "diaObjectId"))
            values[Lsst.ObjectId.Ordinal] = ColumnValues.AsLong(Value("diaObject/diaObjectId"));
        var ssObjectId = Lsst.Catalog.Get("r:ssObjectId");
        if (values[ssObjectId.Ordinal] is 0L)
            values[ssObjectId.Ordinal] = null;

        AddPreviousSources(columns, row, alert);
        if (values[Lsst.Ra.Ordinal] is double ra && values[Lsst.Dec.Ordinal] is double dec && double.IsFinite(ra) && double.IsFinite(dec))
            alert["f:pixel1024"] = Healpix.PixelRing(1024, ra, dec);
        byte[]? Stamp(string name) => Value(name) as byte[];
        if (Stamp("cutoutScience") is not null || Stamp("cutoutTemplate") is not null || Stamp("cutoutDifference") is not null)
            alert.Cutouts = new AlertCutouts(Stamp("cutoutScience"), Stamp("cutoutTemplate"), Stamp("cutoutDifference"));
        LsstTagEvaluator.Apply(alert);
        return alert;
    }

    // One measurement per list element that has a diaSourceId, in list order (the decoder keeps those with an id > 0 and a finite time).
    private static void AddPreviousSources(Dictionary<string, object?[][]> columns, int row, Alert alert)
    {
        const string prefix = "prvDiaSources/list/element/";
        if (!columns.TryGetValue(prefix + "diaSourceId", out var ids))
            return;
        for (var k = 0; k < ids[row].Length; k++)
        {
            if (ids[row][k] is null)
                continue;
            var measurement = new Measurement(Previous);
            foreach (var column in Previous.Catalog!.Stored)
                if (columns.TryGetValue(prefix + column.Field, out var items))
                    measurement.Values[column.Ordinal] = ColumnValues.Convert(items[row][k], column.Type);
            if (measurement.Id > 0 && double.IsFinite(measurement.Time))
                alert.Measurements.Add(measurement);
        }
    }

    // Each section's fields → catalogue columns, first section wins (root, diaSource, diaObject, ssSource), as LsstSections.
    private static Dictionary<string, Dictionary<string, ColumnDef>> BuildOwners()
    {
        var catalog = Lsst.Catalog;
        var root = new Dictionary<string, ColumnDef>(StringComparer.Ordinal)
        {
            ["diaSourceId"] = catalog.Get("r:diaSourceId"),
            ["observation_reason"] = catalog.Get("r:observation_reason"),
            ["target_name"] = catalog.Get("r:target_name"),
            ["fink_broker_version"] = catalog.Get("f:fink_broker_version"),
            ["fink_science_version"] = catalog.Get("f:fink_science_version"),
            ["lsst_schema_version"] = catalog.Get("f:lsst_schema_version"),
        };
        var taken = new HashSet<string>(root.Keys, StringComparer.Ordinal);
        Dictionary<string, ColumnDef> Own(string record, bool objectPositions = false)
        {
            var owned = new Dictionary<string, ColumnDef>(StringComparer.Ordinal);
            foreach (var (name, _, _) in RubinRecords.Fields(record))
            {
                if (taken.Add(name))
                    owned[name] = catalog.Get("r:" + name);
                else if (objectPositions && catalog.TryGet("o:" + name, out var own))
                    owned[name] = own;
            }
            return owned;
        }
        Dictionary<string, ColumnDef> Fink(IEnumerable<string> fields, string prefix) =>
            fields.Where(f => catalog.TryGet(prefix + f, out _)).ToDictionary(f => f, f => catalog.Get(prefix + f), StringComparer.Ordinal);
        return new Dictionary<string, Dictionary<string, ColumnDef>>(StringComparer.Ordinal)
        {
            [""] = root,
            ["diaSource"] = Own(RubinRecords.DiaSource),
            ["diaObject"] = Own(RubinRecords.DiaObject, objectPositions: true),
            ["ssSource"] = Own(RubinRecords.SsSource),
            ["mpc_orbits"] = Fink(["packed_primary_provisional_designation", "unpacked_primary_provisional_designation"], "r:"),
            ["xm"] = Fink(FinkLsstFields.CrossMatches.Select(x => x.Field), "f:xm_"),
            ["clf"] = Fink(FinkLsstFields.Classifiers.Select(x => x.Field), "f:clf_"),
            ["pred"] = Fink(FinkLsstFields.ObjectFields.Select(x => x.Field).Where(f => f != "firstDiaSourceMjdTaiFink"), "f:"),
            ["misc"] = Fink(["firstDiaSourceMjdTaiFink"], "f:"),
        };
    }

    /// <summary>A leaf column, per row: its values (one for a plain field; one per list entry, null for a missing
    /// entry or value, for a field inside a list).</summary>
    private static async Task<object?[][]> ReadColumnAsync(ParquetRowGroupReader group, DataField field)
    {
        var type = field.ClrType;
        return type == typeof(long) ? await ReadAsync<long>(group, field, v => v)
            : type == typeof(int) ? await ReadAsync<int>(group, field, v => v)
            : type == typeof(float) ? await ReadAsync<float>(group, field, v => v)
            : type == typeof(double) ? await ReadAsync<double>(group, field, v => v)
            : type == typeof(bool) ? await ReadAsync<bool>(group, field, v => v)
            : type == typeof(ReadOnlyMemory<char>) ? await ReadAsync<ReadOnlyMemory<char>>(group, field, v => v.ToString())
            : type == typeof(ReadOnlyMemory<byte>) ? await ReadAsync<ReadOnlyMemory<byte>>(group, field, v => v.ToArray())
            : throw new NotSupportedException($"{field.Path}: {type}");
    }

    // Parquet.Net's raw read: the defined values packed, plus definition and repetition levels per entry.
    private static async Task<object?[][]> ReadAsync<T>(ParquetRowGroupReader group, DataField field, Func<T, object> box)
        where T : struct
    {
        var entries = (int)group.GetMetadata(field)!.MetaData!.NumValues;
        var packed = new T[entries];
        var definitions = new int[entries];
        var repetitions = new int[entries];
        await group.ReadRawAsync<T>(field, packed, definitions, repetitions);
        var rows = new List<object?[]>();
        var current = new List<object?>();
        var next = 0;
        for (var i = 0; i < entries; i++)
        {
            if (i > 0 && repetitions[i] == 0)
            {
                rows.Add([.. current]);
                current.Clear();
            }
            current.Add(definitions[i] == field.MaxDefinitionLevel ? box(packed[next++]) : null);
        }
        rows.Add([.. current]);
        return [.. rows];
    }
}
