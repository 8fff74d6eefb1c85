using System.Text;
using FinkTom.Core.Model;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// The database layout. One row per alert in <c>alerts</c>, keyed by <c>candid</c> (the rowid, so lookups by
/// candid and the R*Tree join cost nothing extra); every catalogue column is a typed SQL column named by
/// <see cref="ColumnDef.SafeName"/>. Unit vectors (sx, sy, sz) carry the position for the exact cone cut.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    public static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Int or ColumnType.Long or ColumnType.Bool => "INTEGER",
        ColumnType.Float or ColumnType.Double => "REAL",
        _ => "TEXT",
    };

    /// <summary>Columns of <c>alerts</c> besides the catalogue: the rowid key and the position as a unit vector.</summary>
    public static readonly string[] ExtraColumns = ["sx", "sy", "sz"];

    /// <summary>Key in <c>meta</c> set once the object summaries are complete (databases made before they existed are rebuilt).</summary>
    public const string ObjectsReadyKey = "objects_ready";

    /// <summary>
    /// One summary row per object, kept up to date by every alert insert (<see cref="AlertInserter"/>); columns are
    /// named as <see cref="FinkTom.Core.Query.ObjectColumns"/>. sum_x/y/z accumulate unit vectors for the mean position.
    /// </summary>
    private const string ObjectsTable = """
        CREATE TABLE IF NOT EXISTS objects (
            "objectId" TEXT PRIMARY KEY, firstjd REAL NOT NULL, lastjd REAL NOT NULL, nalerts INTEGER NOT NULL,
            sum_x REAL NOT NULL, sum_y REAL NOT NULL, sum_z REAL NOT NULL, ra REAL NOT NULL, dec REAL NOT NULL,
            lastcandid INTEGER NOT NULL, classification TEXT, ndethist INTEGER,
            lastmag_g REAL, lastjd_g REAL, lastmag_r REAL, lastjd_r REAL, lastmag_i REAL, lastjd_i REAL) WITHOUT ROWID;
        -- Objects seen lately, objects first detected in a window, objects of a class.
        CREATE INDEX IF NOT EXISTS objects_last ON objects (lastjd);
        CREATE INDEX IF NOT EXISTS objects_first ON objects (firstjd);
        CREATE INDEX IF NOT EXISTS objects_class ON objects (classification, lastjd);
        """;

    public static string CreateStatements()
    {
        var sql = new StringBuilder();
        sql.AppendLine("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
        sql.Append("CREATE TABLE IF NOT EXISTS alerts (candid INTEGER PRIMARY KEY, sx REAL NOT NULL, sy REAL NOT NULL, sz REAL NOT NULL");
        foreach (var column in ColumnCatalog.Stored.Where(c => c != ColumnCatalog.Candid))
            sql.Append($", \"{column.SafeName}\" {SqlType(column.Type)}");
        sql.AppendLine(");");
        sql.AppendLine("""
            -- Object page and /objects: all alerts of an object, newest first.
            CREATE INDEX IF NOT EXISTS alerts_object ON alerts ("i_objectId", "i_jd");
            -- Date searches and "latest alerts" of every kind.
            CREATE INDEX IF NOT EXISTS alerts_jd ON alerts ("i_jd");
            -- /latests?class=...: newest alerts of one class.
            CREATE INDEX IF NOT EXISTS alerts_class ON alerts ("d_classification", "i_jd");
            -- /latests?class=(TNS) ...
            CREATE INDEX IF NOT EXISTS alerts_tns ON alerts ("d_tns", "i_jd");
            -- /sso: alerts of a Solar System object.
            CREATE INDEX IF NOT EXISTS alerts_sso ON alerts ("i_ssnamenr", "i_jd");
            -- Cone search: each alert's unit vector as a degenerate 3-D box. R*Tree boxes are float32 rounded
            -- outwards, so the box query is a superset; the exact chord cut on sx/sy/sz follows.
            CREATE VIRTUAL TABLE IF NOT EXISTS alert_sky USING rtree(id, min_x, max_x, min_y, max_y, min_z, max_z);
            -- Light curves: each history point once per (object, jd, filter), however many alerts repeat it.
            CREATE TABLE IF NOT EXISTS history (
                object_id TEXT NOT NULL, jd REAL NOT NULL, fid INTEGER NOT NULL, candid INTEGER,
                magpsf REAL, sigmapsf REAL, diffmaglim REAL, magnr REAL, sigmagnr REAL, distnr REAL,
                isdiffpos TEXT, rb REAL, drb REAL, nbad INTEGER, ra REAL, dec REAL,
                PRIMARY KEY (object_id, jd, fid)) WITHOUT ROWID;
            -- Stamps apart from the alerts so that scans of alerts never page through image bytes.
            CREATE TABLE IF NOT EXISTS cutouts (candid INTEGER PRIMARY KEY, science BLOB, template BLOB, difference BLOB);
            """);
        sql.AppendLine(ObjectsTable);

        sql.AppendLine($"INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '{Version}');");
        return sql.ToString();
    }
}
