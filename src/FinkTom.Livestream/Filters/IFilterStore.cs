namespace FinkTom.Livestream.Filters;

/// <summary>
/// Where users' livestream filters are kept: a SQLite file beside the instance (<see cref="FilterRepository"/>), or the
/// Elasticsearch cluster that several FinkTom instances share (FinkTom.Store.Elasticsearch).
/// </summary>
public interface IFilterStore
{
    /// <summary>True when other FinkTom instances add and delete filters in the same place: the registry then re-reads
    /// the store before it matches alerts or answers about filters (<see cref="LivestreamOptions.SharedFiltersRefreshSeconds"/>).</summary>
    bool Shared { get; }

    Task<IReadOnlyList<FilterDefinition>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>False when a filter of that name exists.</summary>
    Task<bool> AddAsync(FilterDefinition filter, CancellationToken cancellationToken = default);

    /// <summary>False when there was none of that name.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);
}
