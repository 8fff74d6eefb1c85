using FinkTom.Core.Query;

namespace FinkTom.Kafka.Livestream;

/// <summary>A user's filter as persisted: a name and its predicate text (OData <c>$filter</c> syntax).</summary>
public sealed record FilterDefinition(string Name, string Expression, string? Description, DateTimeOffset CreatedAt);

/// <summary>Where user filters persist (the server keeps them in a table of the SQLite database).</summary>
public interface IFilterRepository
{
    Task<IReadOnlyList<FilterDefinition>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>False when a filter of that name exists.</summary>
    Task<bool> AddAsync(FilterDefinition filter, CancellationToken cancellationToken = default);

    /// <summary>False when there was none of that name.</summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>The one predicate language of FinkTom (the OData feed's <c>$filter</c>), parsed and validated against the
/// column catalogue. Returns false with a message naming the unknown field, the type mismatch or the syntax error.</summary>
public interface IFilterLanguage
{
    bool TryParse(string text, out Predicate? predicate, out string? error);
}
