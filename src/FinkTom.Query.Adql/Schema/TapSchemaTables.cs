using FinkTom.Core.Model;

namespace FinkTom.Query.Adql.Schema;

/// <summary>
/// TAP_SCHEMA (TAP 1.1 §4): <c>schemas</c>, <c>tables</c>, <c>columns</c>, <c>keys</c> and <c>key_columns</c>, describing
/// the data tables and themselves. They are small and fixed, so they are kept as rows in memory and queried there.
/// </summary>
public static class TapSchemaTables
{
    private static TapColumn Text(string name, string description, bool nullable = true, string? ucd = null) =>
        new(name, name, ColumnType.String, nullable) { Description = description, Ucd = ucd, Principal = true };

    private static TapColumn Int(string name, string description) =>
        new(name, name, ColumnType.Int, true) { Description = description, Principal = true };

    public static TapTable Schemas { get; } = new(TapCatalog.TapSchema, "schemas", TapTableKind.Metadata, null, "The schemas of this service.",
    [
        Text("schema_name", "Schema name, as queries write it.", false), Text("utype", "Data model type of the schema."),
        Text("description", "What the schema holds."), Int("schema_index", "Suggested position in lists."),
    ]);

    public static TapTable Tables { get; } = new(TapCatalog.TapSchema, "tables", TapTableKind.Metadata, null, "The tables of this service.",
    [
        Text("schema_name", "Schema of the table.", false), Text("table_name", "Table name, qualified by its schema, as queries write it.", false),
        Text("table_type", "'table' or 'view'.", false), Text("utype", "Data model type of the table."),
        Text("description", "What the table holds."), Int("table_index", "Suggested position in lists."),
    ]);

    public static TapTable Columns { get; } = new(TapCatalog.TapSchema, "columns", TapTableKind.Metadata, null, "The columns of every table.",
    [
        Text("table_name", "Table of the column, qualified by its schema.", false), Text("column_name", "Column name, as queries write it.", false),
        Text("utype", "Data model type of the column."), Text("ucd", "Unified Content Descriptor of the column."),
        Text("unit", "Unit of the values (VOUnit)."), Text("description", "What the column holds."),
        Text("datatype", "VOTable datatype of the values.", false), Text("arraysize", "VOTable arraysize: * for text."),
        Text("xtype", "VOTable extended type."), Int("\"size\"", "Deprecated length of the values (TAP 1.0); always null."),
        Int("principal", "1 when clients should show the column by default."), Int("indexed", "1 when an index serves conditions on it."),
        Int("std", "1 when the column is defined by a standard."), Int("column_index", "Suggested position in lists."),
    ]);

    public static TapTable Keys { get; } = new(TapCatalog.TapSchema, "keys", TapTableKind.Metadata, null, "Foreign keys between tables.",
    [
        Text("key_id", "Key identifier.", false), Text("from_table", "Table holding the reference.", false),
        Text("target_table", "Table referred to.", false), Text("utype", "Data model type of the key."), Text("description", "What the key links."),
    ]);

    public static TapTable KeyColumns { get; } = new(TapCatalog.TapSchema, "key_columns", TapTableKind.Metadata, null, "The columns of each foreign key.",
    [
        Text("key_id", "Key identifier.", false), Text("from_column", "Column in the referring table.", false),
        Text("target_column", "Column in the table referred to.", false),
    ]);

    public static IReadOnlyList<TapTable> All { get; } = [Schemas, Tables, Columns, Keys, KeyColumns];

    /// <summary>Every foreign key: alerts to their object, and TAP_SCHEMA's own links.</summary>
    public static IReadOnlyList<ForeignKey> ForeignKeys { get; } =
    [
        new("ztf_alerts_object", TapCatalog.ZtfAlerts, TapCatalog.ZtfObjects, "objectId", "objectId", "Each ZTF alert belongs to one object summary."),
        new("tap_tables_schema", Tables, Schemas, "schema_name", "schema_name", "The schema of each table."),
        new("tap_columns_table", Columns, Tables, "table_name", "table_name", "The table of each column."),
        new("tap_keys_from", Keys, Tables, "from_table", "table_name", "The table holding each key."),
        new("tap_keys_target", Keys, Tables, "target_table", "table_name", "The table each key refers to."),
        new("tap_key_columns_key", KeyColumns, Keys, "key_id", "key_id", "The key of each key column."),
    ];

    private static IEnumerable<TapTable> Described => TapCatalog.DataTables.Concat(All);

    /// <summary>The rows of one TAP_SCHEMA table, cells in its column order.</summary>
    public static IReadOnlyList<object?[]> Rows(TapTable table) => _rows.Value[table];

    private static readonly Lazy<Dictionary<TapTable, IReadOnlyList<object?[]>>> _rows = new(() => new()
    {
        [Schemas] = Described.Select(t => t.Schema).Distinct().Select((s, i) => new object?[]
        {
            s, null, s switch
            {
                "ztf" => "Zwicky Transient Facility alerts and objects processed by Fink.",
                "lsst" => "Vera C. Rubin Observatory alerts processed by Fink.",
                _ => "This service's description of its own tables (TAP 1.1).",
            }, i,
        }).ToList(),
        [Tables] = Described.Select((t, i) => new object?[] { t.Schema, t.FullName, "table", null, t.Description, i }).ToList(),
        [Columns] = Described.SelectMany(t => t.Columns.Select((c, i) => new object?[]
        {
            t.FullName, c.Name, null, c.Ucd, c.Unit, c.Description, c.Datatype, c.Type == ColumnType.String ? "*" : null, null, null,
            c.Principal ? 1 : 0, c.Indexed ? 1 : 0, t.Kind == TapTableKind.Metadata ? 1 : 0, i,
        })).ToList(),
        [Keys] = ForeignKeys.Select(k => new object?[] { k.Id, k.From.FullName, k.Target.FullName, null, k.Description }).ToList(),
        [KeyColumns] = ForeignKeys.Select(k => new object?[] { k.Id, k.FromColumn, k.TargetColumn }).ToList(),
    });
}

/// <summary>A single-column foreign key between two tables of the service.</summary>
public sealed record ForeignKey(string Id, TapTable From, TapTable Target, string FromColumn, string TargetColumn, string Description);
