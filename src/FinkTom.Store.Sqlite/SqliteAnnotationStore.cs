using FinkTom.Core.Annotations;
using Microsoft.Data.Sqlite;

namespace FinkTom.Store.Sqlite;

/// <summary>Annotations in the table <c>metadata</c> of the alerts' database file, one row per object id.</summary>
public sealed class SqliteAnnotationStore : IAnnotationStore
{
    private readonly string _connectionString;

    public SqliteAnnotationStore(SqliteStoreOptions options)
    {
        var path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        using var connection = Open();
        using var create = connection.CreateCommand();
        create.CommandText = """
            CREATE TABLE IF NOT EXISTS metadata ("objectId" TEXT PRIMARY KEY, internal_name TEXT NOT NULL, internal_name_encoded TEXT NOT NULL,
                comments TEXT NOT NULL, username TEXT NOT NULL) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS metadata_name ON metadata (internal_name);
            CREATE INDEX IF NOT EXISTS metadata_encoded ON metadata (internal_name_encoded);
            """;
        create.ExecuteNonQuery();
    }

    public async Task SaveAsync(ObjectAnnotation annotation, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO metadata ("objectId", internal_name, internal_name_encoded, comments, username) VALUES ($o, $n, $e, $c, $u)
            """;
        command.Parameters.AddWithValue("$o", annotation.ObjectId);
        command.Parameters.AddWithValue("$n", annotation.InternalName);
        command.Parameters.AddWithValue("$e", annotation.InternalNameEncoded);
        command.Parameters.AddWithValue("$c", annotation.Comments);
        command.Parameters.AddWithValue("$u", annotation.Username);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ObjectAnnotation>> FindAsync(AnnotationKey key, string value, CancellationToken cancellationToken = default)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        var column = key switch
        {
            AnnotationKey.InternalName => "internal_name",
            AnnotationKey.InternalNameEncoded => "internal_name_encoded",
            _ => "\"objectId\"",
        };
        var all = key == AnnotationKey.ObjectId && value == "all";
        command.CommandText = $"""SELECT "objectId", internal_name, comments, username FROM metadata {(all ? "" : $"WHERE {column} = $v")} ORDER BY "objectId" """;
        command.Parameters.AddWithValue("$v", value);
        var found = new List<ObjectAnnotation>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            found.Add(new ObjectAnnotation(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return found;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA busy_timeout = 5000;";
        pragma.ExecuteNonQuery();
        return connection;
    }
}
