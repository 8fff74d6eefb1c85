using System.Text;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;

namespace FinkTom.Store.Sqlite;

/// <summary>
/// The database layout of one survey, from its descriptor (<see cref="Survey"/>). One row per alert in
/// <c>{prefix}alerts</c>, keyed by the alert id (ZTF: <c>candid</c>; the rowid, so lookups by id and the R*Tree join cost
/// nothing extra); every catalogue column is a typed SQL column named by <see cref="ColumnDef.SafeName"/>. Unit vectors
/// (sx, sy, sz) carry the position for the exact cone cut. ZTF's prefix is empty: its tables keep the names they had
/// before surveys existed, so older database files open as they are. Several surveys can share one file.
/// </summary>
internal sealed class SqliteSchema
{
    public const int Version = 1;

    public SqliteSchema(Survey survey)
    {
        Survey = survey;
        var prefix = survey.StorageName;
        Alerts = prefix + "alerts";
        Sky = prefix + "alert_sky";
        Cutouts = prefix + "cutouts";
        History = prefix + "history";
        Objects = prefix + "objects";
        Key = survey.AlertId.Field;
        ObjectColumn = $"\"{survey.ObjectId.SafeName}\"";
        TimeColumn = $"\"{survey.Time.SafeName}\"";
        ObjectsReadyKey = prefix.Length == 0 ? "objects_ready" : prefix + "objects_ready";
    }

    public Survey Survey { get; }

    public string Alerts { get; }
    public string Sky { get; }
    public string Cutouts { get; }
    public string History { get; }
    public string Objects { get; }

    /// <summary>The alert id column, the rowid (<c>candid</c> for ZTF).</summary>
    public string Key { get; }

    /// <summary>The object id and time columns, quoted.</summary>
    public string ObjectColumn { get; }
    public string TimeColumn { get; }

    /// <summary>Object summaries and the light-curve history table are ZTF's so far (their columns are ZTF's); other
    /// surveys keep their alerts, cutouts and sky index.</summary>
    public bool KeepsObjectsAndHistory => Survey == Survey.Ztf;

    /// <summary>Key in <c>meta</c> set once the object summaries are complete (databases made before they existed are rebuilt).</summary>
    public string ObjectsReadyKey { get; }

    /// <summary>The history kinds with their own table: described (<see cref="HistoryKind.Catalog"/>) and stored.</summary>
    public IEnumerable<HistoryKind> StoredMeasurements =>
        Survey.History.Where(k => k is { Stored: true, Catalog: not null, Key: not null, ObjectId: not null, Time: not null });

    /// <summary>The table of one stored history kind, e.g. <c>lsst_prvDiaForcedSources</c>.</summary>
    public string MeasurementTable(HistoryKind kind) => Survey.StorageName + kind.Name;

    public static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Int or ColumnType.Long or ColumnType.Bool => "INTEGER",
        ColumnType.Float or ColumnType.Double => "REAL",
        _ => "TEXT",
    };

    /// <summary>Columns of the alerts table besides the catalogue: the rowid key and the position as a unit vector.</summary>
    public static readonly string[] ExtraColumns = ["sx", "sy", "sz"];

    /// <summary>A catalogue column as SQL on the alerts table aliased <c>a</c>.</summary>
    public string ColumnSql(ColumnDef column) => column == Survey.AlertId ? "a." + Key : $"a.\"{column.SafeName}\"";

    /// <summary>An object id as the store compares it: object ids arrive as text, and a survey with 64-bit object ids
    /// stores integers (text that is no integer then matches nothing).</summary>
    public object ObjectKey(string id) => Survey.ObjectId.Type != ColumnType.Long ? id
        : long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : id;

    /// <summary>A catalogue column of this survey, by its Fink name, as SQL.</summary>
    public string ColumnSql(string name) => ColumnSql(Survey.Catalog.Get(name));

    /// <summary>
    /// One summary row per object, kept up to date by every alert insert (<see cref="AlertInserter"/>); columns are
    /// named as <see cref="FinkTom.Core.Query.ObjectColumns"/>. sum_x/y/z accumulate unit vectors for the mean position.
    /// </summary>
    private string ObjectsTable => $"""
        CREATE TABLE IF NOT EXISTS {Objects} (
            "objectId" TEXT PRIMARY KEY, firstjd REAL NOT NULL, lastjd REAL NOT NULL, nalerts INTEGER NOT NULL,
            sum_x REAL NOT NULL, sum_y REAL NOT NULL, sum_z REAL NOT NULL, ra REAL NOT NULL, dec REAL NOT NULL,
            lastcandid INTEGER NOT NULL, classification TEXT, ndethist INTEGER,
            lastmag_g REAL, lastjd_g REAL, lastmag_r REAL, lastjd_r REAL, lastmag_i REAL, lastjd_i REAL) WITHOUT ROWID;
        -- Objects seen lately, objects first detected in a window, objects of a class.
        CREATE INDEX IF NOT EXISTS {Objects}_last ON {Objects} (lastjd);
        CREATE INDEX IF NOT EXISTS {Objects}_first ON {Objects} (firstjd);
        CREATE INDEX IF NOT EXISTS {Objects}_class ON {Objects} (classification, lastjd);
        """;

    /// <summary>Catalogue columns a file made by an earlier FinkTom lacks, added as empty columns (alerts stored before
    /// keep null there): a survey's catalogue may grow, a database file keeps opening.</summary>
    public IEnumerable<string> AddColumnStatements(IReadOnlySet<string> existing) =>
        Survey.Catalog.Stored.Where(c => c != Survey.AlertId && !existing.Contains(c.SafeName))
            .Select(c => $"ALTER TABLE {Alerts} ADD COLUMN \"{c.SafeName}\" {SqlType(c.Type)};");

    public string CreateStatements()
    {
        var sql = new StringBuilder();
        sql.AppendLine("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);");
        sql.Append($"CREATE TABLE IF NOT EXISTS {Alerts} ({Key} INTEGER PRIMARY KEY, sx REAL NOT NULL, sy REAL NOT NULL, sz REAL NOT NULL");
        foreach (var column in Survey.Catalog.Stored.Where(c => c != Survey.AlertId))
            sql.Append($", \"{column.SafeName}\" {SqlType(column.Type)}");
        sql.AppendLine(");");
        sql.AppendLine($"""
            -- Object page and /objects: all alerts of an object, newest first.
            CREATE INDEX IF NOT EXISTS {Alerts}_object ON {Alerts} ({ObjectColumn}, {TimeColumn});
            -- Date searches and "latest alerts" of every kind.
            CREATE INDEX IF NOT EXISTS {Alerts}_jd ON {Alerts} ({TimeColumn});
            """);
        foreach (var index in Survey.Indexes)
            sql.AppendLine($"CREATE INDEX IF NOT EXISTS {Alerts}_{index.Name} ON {Alerts} ({string.Join(", ", index.Columns.Select(c => $"\"{c.SafeName}\""))})" +
                (index.OnlyWhereTrue is { } flag ? $" WHERE \"{flag.SafeName}\" IS 1;" : ";"));
        sql.AppendLine($"""
            -- Cone search: each alert's unit vector as a degenerate 3-D box. R*Tree boxes are float32 rounded
            -- outwards, so the box query is a superset; the exact chord cut on sx/sy/sz follows.
            CREATE VIRTUAL TABLE IF NOT EXISTS {Sky} USING rtree(id, min_x, max_x, min_y, max_y, min_z, max_z);
            -- Stamps apart from the alerts so that scans of alerts never page through image bytes.
            CREATE TABLE IF NOT EXISTS {Cutouts} ({Key} INTEGER PRIMARY KEY, science BLOB, template BLOB, difference BLOB);
            """);
        foreach (var kind in StoredMeasurements)
        {
            var table = MeasurementTable(kind);
            sql.Append($"CREATE TABLE IF NOT EXISTS {table} (");
            sql.Append(string.Join(", ", kind.Catalog!.Stored.Select(c => $"\"{c.SafeName}\" {SqlType(c.Type)}" + (c == kind.Key ? " PRIMARY KEY" : ""))));
            sql.AppendLine(");");
            sql.AppendLine($"CREATE INDEX IF NOT EXISTS {table}_object ON {table} (\"{kind.ObjectId!.SafeName}\", \"{kind.Time!.SafeName}\");");
        }
        if (KeepsObjectsAndHistory)
        {
            sql.AppendLine($"""
                -- Light curves: each history point once per (object, jd, filter), however many alerts repeat it.
                CREATE TABLE IF NOT EXISTS {History} (
                    object_id TEXT NOT NULL, jd REAL NOT NULL, fid INTEGER NOT NULL, candid INTEGER,
                    magpsf REAL, sigmapsf REAL, diffmaglim REAL, magnr REAL, sigmagnr REAL, distnr REAL,
                    isdiffpos TEXT, rb REAL, drb REAL, nbad INTEGER, ra REAL, dec REAL,
                    PRIMARY KEY (object_id, jd, fid)) WITHOUT ROWID;
                """);
            sql.AppendLine(ObjectsTable);
            sql.AppendLine(NightStatisticsWriter.CreateStatements);
        }

        sql.AppendLine($"INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', '{Version}');");
        return sql.ToString();
    }
}
