using System.Text.Json.Nodes;
using FinkTom.Core.Model;

namespace FinkTom.Store.Elasticsearch.Mapping;

/// <summary>
/// The composable index templates (<c>PUT _index_template/{name}</c>, Elasticsearch 7.8+ and OpenSearch) that give every
/// period index its settings, explicit mappings and read alias. <c>"dynamic": "strict"</c>: a field the mapping does not
/// name is refused, so no value is ever indexed under a guessed type.
/// </summary>
public static class IndexTemplates
{
    /// <summary>Bumped when a mapping changes; recorded in each template's <c>_meta</c>.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Position for cone search: <c>lat</c> = Dec, <c>lon</c> = RA mapped into [-180, 180].</summary>
    public const string PositionField = "pos";

    /// <summary>The position as a unit vector, for the exact chord cut and the separation sort (doc values only).</summary>
    public static readonly string[] UnitVectorFields = ["sx", "sy", "sz"];

    /// <summary>Elasticsearch field type of a catalogue column: ids, classes and names are keywords (exact, case-sensitive).</summary>
    public static string FieldType(ColumnType type) => type switch
    {
        ColumnType.Int => "integer",
        ColumnType.Long => "long",
        ColumnType.Float => "float",
        ColumnType.Double => "double",
        ColumnType.Bool => "boolean",
        _ => "keyword",
    };

    /// <summary>Alert documents: every catalogue column under its safe name (<c>i:jd</c> → <c>i_jd</c>), plus the position.</summary>
    public static JsonObject Alerts(IndexLayout layout, ElasticsearchStoreOptions options)
    {
        var properties = new JsonObject();
        foreach (var column in ColumnCatalog.Stored)
            properties[column.SafeName] = new JsonObject { ["type"] = FieldType(column.Type) };
        properties[PositionField] = new JsonObject { ["type"] = "geo_point" };
        foreach (var axis in UnitVectorFields)
            properties[axis] = new JsonObject { ["type"] = "double", ["index"] = false }; // read by scripts from doc values
        return Template(layout.AlertsAlias, Settings(options), properties);
    }

    /// <summary>Light-curve points, one document per (object, jd, filter).</summary>
    public static JsonObject History(IndexLayout layout, ElasticsearchStoreOptions options) =>
        Template(layout.HistoryAlias, Settings(options), Properties(HistoryDocuments.Fields));

    /// <summary>Stamps in their own indices: alert searches never read image bytes, and the bytes are not indexed
    /// (<c>binary</c> is stored in <c>_source</c> only), compressed harder than the alerts.</summary>
    public static JsonObject Cutouts(IndexLayout layout, ElasticsearchStoreOptions options)
    {
        var settings = Settings(options);
        settings["number_of_shards"] = options.CutoutShards;
        settings["codec"] = "best_compression";
        return Template(layout.CutoutsAlias, settings, Properties(CutoutDocuments.Fields));
    }

    /// <summary>Object summaries (<see cref="ObjectDocuments"/>): the <see cref="Core.Query.ObjectColumns"/> under their own
    /// names, and the mean position as a <c>geo_point</c>.</summary>
    public static JsonObject Objects(IndexLayout layout, ElasticsearchStoreOptions options)
    {
        var properties = new JsonObject();
        foreach (var column in Core.Query.ObjectColumns.All)
            properties[column.Name] = new JsonObject { ["type"] = FieldType(column.Type) };
        properties[PositionField] = new JsonObject { ["type"] = "geo_point" };
        return Template(layout.ObjectsAlias, Settings(options), properties);
    }

    private static JsonObject Settings(ElasticsearchStoreOptions options) => new()
    {
        ["number_of_shards"] = options.Shards,
        ["number_of_replicas"] = options.Replicas,
    };

    private static JsonObject Properties(IEnumerable<(string Name, string Type)> fields)
    {
        var properties = new JsonObject();
        foreach (var (name, type) in fields)
            properties[name] = new JsonObject { ["type"] = type };
        return properties;
    }

    private static JsonObject Template(string alias, JsonObject settings, JsonObject properties) => new()
    {
        ["index_patterns"] = new JsonArray(alias + "-*"),
        // Above the built-in templates (priority 100 for logs-*-* and the like), which never match our names anyway.
        ["priority"] = 200,
        ["_meta"] = new JsonObject { ["created_by"] = "finktom", ["schema_version"] = SchemaVersion },
        ["template"] = new JsonObject
        {
            ["settings"] = settings,
            ["mappings"] = new JsonObject { ["dynamic"] = "strict", ["properties"] = properties },
            ["aliases"] = new JsonObject { [alias] = new JsonObject() },
        },
    };
}
