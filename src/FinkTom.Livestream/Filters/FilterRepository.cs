using System.Globalization;
using FinkTom.Core.Surveys;
using Microsoft.Data.Sqlite;

namespace FinkTom.Livestream.Filters;

/// <summary>A user's filter as persisted: a name, its predicate text (OData <c>$filter</c> syntax) and the survey whose
/// alerts it reads.</summary>
public sealed record FilterDefinition(string Name, string Expression, string? Description, DateTimeOffset CreatedAt, Survey Survey)
{
    public FilterDefinition(string name, string expression, string? description, DateTimeOffset createdAt)
        : this(name, expression, description, createdAt, Survey.Ztf)
    {
    }
}

/// <summary>
/// Users' livestream filters in the SQLite <c>livestream_filters</c> table: in the same database file as the alerts
/// with the SQLite store, or in a file of their own (<c>livestream.db</c> in the data folder) with Elasticsearch, so
/// that they survive restarts and backups alike. One instance's own: with several instances on one Elasticsearch
/// cluster, the filters live in the cluster instead.
/// </summary>
public sealed class FilterRepository : IFilterStore
{
    private readonly string _connectionString;

    /// <summary>Opens (creating the folder, the file and the table when missing) the database at <paramref name="databasePath"/>.</summary>
    public FilterRepository(string databasePath)
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
                created_at TEXT NOT NULL,
                survey TEXT NOT NULL DEFAULT 'ztf')
            """;
        command.ExecuteNonQuery();
        // Files written before Rubin filters existed hold ZTF filters only.
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('livestream_filters') WHERE name = 'survey'";
        if (Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            command.CommandText = "ALTER TABLE livestream_filters ADD COLUMN survey TEXT NOT NULL DEFAULT 'ztf'";
            command.ExecuteNonQuery();
        }
    }

    public bool Shared => false;

    public async Task<IReadOnlyList<FilterDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name, expression, description, created_at, survey FROM livestream_filters ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var filters = new List<FilterDefinition>();
        while (await reader.ReadAsync(cancellationToken))
            filters.Add(new FilterDefinition(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture), SurveyNamed(reader.GetString(4))));
        return filters;
    }

    /// <summary>False when a filter of that name exists.</summary>
    public async Task<bool> AddAsync(FilterDefinition filter, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO livestream_filters (name, expression, description, created_at, survey) VALUES ($name, $expression, $description, $created, $survey)
            ON CONFLICT (name) DO NOTHING
            """;
        command.Parameters.AddWithValue("$name", filter.Name);
        command.Parameters.AddWithValue("$expression", filter.Expression);
        command.Parameters.AddWithValue("$description", (object?)filter.Description ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", filter.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$survey", filter.Survey.Name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>False when there was none of that name.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM livestream_filters WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static Survey SurveyNamed(string name) =>
        Survey.Named(name) ?? throw new InvalidOperationException($"livestream_filters names a survey this FinkTom does not know: '{name}'.");

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
