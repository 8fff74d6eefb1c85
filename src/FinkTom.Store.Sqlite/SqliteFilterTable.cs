using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>A saved livestream filter row.</summary>
public sealed record StoredFilterRow(string Name, string Expression, string? Description, DateTimeOffset CreatedAt);

/// <summary>
/// The <c>livestream_filters</c> table: users' livestream filters, kept in the same database file as the alerts
/// (or a file of their own when alerts live in Elasticsearch), so that they survive restarts and backups alike.
/// </summary>
public sealed class SqliteFilterTable
{
    private readonly string _connectionString;

    public SqliteFilterTable(string databasePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databasePath, DefaultTimeout = 30 }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS livestream_filters (
                name TEXT PRIMARY KEY NOT NULL,
                expression TEXT NOT NULL,
                description TEXT,
                created_at TEXT NOT NULL)
            """;
        command.ExecuteNonQuery();
    }

    public async Task<IReadOnlyList<StoredFilterRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, expression, description, created_at FROM livestream_filters ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<StoredFilterRow>();
        while (await reader.ReadAsync(cancellationToken))
            rows.Add(new StoredFilterRow(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), System.Globalization.CultureInfo.InvariantCulture)));
        return rows;
    }

    /// <summary>False when a filter of that name exists.</summary>
    public async Task<bool> AddAsync(StoredFilterRow row, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO livestream_filters (name, expression, description, created_at) VALUES ($name, $expression, $description, $created)
            ON CONFLICT (name) DO NOTHING
            """;
        command.Parameters.AddWithValue("$name", row.Name);
        command.Parameters.AddWithValue("$expression", row.Expression);
        command.Parameters.AddWithValue("$description", (object?)row.Description ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", row.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM livestream_filters WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
