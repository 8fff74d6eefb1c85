using FinkTom.Kafka.Livestream;
using FinkTom.Store.Sqlite;

namespace FinkTom.Server.Livestream;

/// <summary>Users' filters in the SQLite <c>livestream_filters</c> table.</summary>
internal sealed class SqliteFilterRepository(SqliteFilterTable table) : IFilterRepository
{
    public async Task<IReadOnlyList<FilterDefinition>> ListAsync(CancellationToken cancellationToken = default) =>
        (await table.ListAsync(cancellationToken)).Select(r => new FilterDefinition(r.Name, r.Expression, r.Description, r.CreatedAt)).ToList();

    public Task<bool> AddAsync(FilterDefinition filter, CancellationToken cancellationToken = default) =>
        table.AddAsync(new StoredFilterRow(filter.Name, filter.Expression, filter.Description, filter.CreatedAt), cancellationToken);

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default) => table.DeleteAsync(name, cancellationToken);
}
