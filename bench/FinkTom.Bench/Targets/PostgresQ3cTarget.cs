using System.Diagnostics;
using FinkTom.Core.Model;
using Npgsql;
using NpgsqlTypes;

namespace FinkTom.Bench.Targets;

/// <summary>
/// The database other brokers use (ALeRCE: PostgreSQL + q3c): a throw-away PostgreSQL 15 cluster on loopback,
/// started and stopped by the benchmark, holding the same alerts with the same columns and the indexes such a
/// broker would build (q3c on position, object id + time, class + time, time).
/// </summary>
public sealed class PostgresQ3cTarget : IQueryTarget, IAsyncDisposable
{
    private const string Bin = "/usr/lib/postgresql/15/bin";
    private static readonly IReadOnlyList<ColumnDef> Columns = ColumnCatalog.Stored;
    private static readonly string ConeColumns = string.Join(", ",
        new[] { "i_objectId", "i_candid", "i_ra", "i_dec", "i_jd", "i_jdstarthist", "i_magpsf", "i_sigmapsf", "i_fid", "i_distnr", "i_drb", "d_cdsxmatch", "d_nalerthist", "d_classification" }.Select(c => $"\"{c}\""));

    private readonly string _dataDir;
    private readonly NpgsqlDataSource _db;

    private PostgresQ3cTarget(string dataDir, int port)
    {
        _dataDir = dataDir;
        _db = NpgsqlDataSource.Create($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Maximum Pool Size=32;Timeout=30;Command Timeout=600");
    }

    public string Name => "PostgreSQL 15 + q3c";

    /// <summary>The postmaster (first line of postmaster.pid) and its backends.</summary>
    public TimeSpan ServerCpu() =>
        Measure.ProcessCpu.OfTree(int.Parse(File.ReadLines(Path.Combine(_dataDir, "postmaster.pid")).First(), System.Globalization.CultureInfo.InvariantCulture));

    public static bool IsInstalled => File.Exists($"{Bin}/initdb") && File.Exists("/usr/share/postgresql/15/extension/q3c.control");

    public static async Task<PostgresQ3cTarget> StartAsync(string dataDir, int port)
    {
        if (Directory.Exists(dataDir))
            Directory.Delete(dataDir, recursive: true);
        Directory.CreateDirectory(dataDir);
        // initdb refuses to run as root: the cluster belongs to Debian's postgres user.
        Run("chown", "-R", "postgres:postgres", dataDir);
        RunAsPostgres($"{Bin}/initdb", "-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync");
        RunAsPostgres($"{Bin}/pg_ctl", "-D", dataDir, "-l", Path.Combine(dataDir, "server.log"), "-w", "-o",
            $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c synchronous_commit=off -c max_wal_size=8GB -c work_mem=64MB", "start");
        var target = new PostgresQ3cTarget(dataDir, port);
        await target.ExecuteAsync("CREATE EXTENSION q3c;");
        await target.ExecuteAsync($"CREATE TABLE alerts ({string.Join(", ", Columns.Select(c => $"\"{c.SafeName}\" {SqlType(c.Type)}"))});");
        return target;
    }

    /// <summary>Loads alerts with binary COPY; indexes are built afterwards by <see cref="IndexAsync"/>.</summary>
    public async Task LoadAsync(IEnumerable<Alert> alerts)
    {
        await using var connection = await _db.OpenConnectionAsync();
        await using var import = await connection.BeginBinaryImportAsync(
            $"COPY alerts ({string.Join(", ", Columns.Select(c => $"\"{c.SafeName}\""))}) FROM STDIN (FORMAT BINARY)");
        foreach (var alert in alerts)
        {
            await import.StartRowAsync();
            foreach (var column in Columns)
            {
                var value = alert.Values[column.Ordinal];
                if (value is null || value is double.NaN || value is float.NaN)
                    await import.WriteNullAsync();
                else
                    await import.WriteAsync(value, DbType(column.Type));
            }
        }
        await import.CompleteAsync();
    }

    public async Task IndexAsync()
    {
        await ExecuteAsync("ALTER TABLE alerts ADD PRIMARY KEY (\"i_candid\");");
        await ExecuteAsync("CREATE INDEX alerts_q3c ON alerts (q3c_ang2ipix(\"i_ra\", \"i_dec\"));");
        await ExecuteAsync("CREATE INDEX alerts_object ON alerts (\"i_objectId\", \"i_jd\");");
        await ExecuteAsync("CREATE INDEX alerts_class ON alerts (\"d_classification\", \"i_jd\");");
        await ExecuteAsync("CREATE INDEX alerts_jd ON alerts (\"i_jd\");");
        await ExecuteAsync("VACUUM ANALYZE alerts;");
    }

    public async Task<long> SizeBytesAsync()
    {
        await using var command = _db.CreateCommand("SELECT pg_total_relation_size('alerts');");
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task<int> ObjectAsync(string objectId) =>
        Rows("SELECT * FROM alerts WHERE \"i_objectId\" = $1 ORDER BY \"i_jd\" DESC", objectId);

    public Task<int> ConeAsync(double ra, double dec, double radiusArcsec) =>
        Rows($"SELECT * FROM (SELECT DISTINCT ON (\"i_objectId\") {ConeColumns}, q3c_dist(\"i_ra\", \"i_dec\", $1, $2) AS sep FROM alerts " +
             "WHERE q3c_radial_query(\"i_ra\", \"i_dec\", $1, $2, $3) ORDER BY \"i_objectId\", \"i_jd\" DESC) t ORDER BY sep LIMIT 1000",
            ra, dec, radiusArcsec / 3600);

    public Task<int> LatestOfClassAsync(string className) =>
        Rows("SELECT * FROM alerts WHERE \"d_classification\" = $1 ORDER BY \"i_jd\" DESC LIMIT 100", className);

    public Task<int> DateWindowAsync(double startJd) =>
        Rows("SELECT * FROM (SELECT DISTINCT ON (\"i_objectId\") * FROM alerts WHERE \"i_jd\" BETWEEN $1 AND $2 " +
             "ORDER BY \"i_objectId\", \"i_jd\" DESC) t ORDER BY \"i_jd\" DESC LIMIT 1000", startJd, startJd + 1.0 / 24);

    public Task<int> PageAsync(double fromJd) =>
        Rows("SELECT * FROM alerts WHERE \"i_jd\" >= $1 ORDER BY \"i_jd\", \"i_candid\" LIMIT 1000", fromJd);

    private async Task<int> Rows(string sql, params object[] parameters)
    {
        await using var command = _db.CreateCommand(sql);
        foreach (var p in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = p });
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        var rows = 0;
        while (await reader.ReadAsync())
        {
            reader.GetValues(values); // materialise every value, as FinkTom does
            rows++;
        }
        return rows;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var command = _db.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Int => "integer",
        ColumnType.Long => "bigint",
        ColumnType.Float => "real",
        ColumnType.Double => "double precision",
        ColumnType.Bool => "boolean",
        _ => "text",
    };

    private static NpgsqlDbType DbType(ColumnType type) => type switch
    {
        ColumnType.Int => NpgsqlDbType.Integer,
        ColumnType.Long => NpgsqlDbType.Bigint,
        ColumnType.Float => NpgsqlDbType.Real,
        ColumnType.Double => NpgsqlDbType.Double,
        ColumnType.Bool => NpgsqlDbType.Boolean,
        _ => NpgsqlDbType.Text,
    };

    private static void RunAsPostgres(params string[] args) => Run("runuser", ["-u", "postgres", "--", .. args]);

    private static void Run(string file, params string[] args)
    {
        var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {error.Result}");
    }

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        try
        {
            RunAsPostgres($"{Bin}/pg_ctl", "-D", _dataDir, "-m", "fast", "-w", "stop");
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine(e.Message);
        }
    }
}
