using FinkTom.Core.Surveys;
using FinkTom.Livestream.Publication;
using FinkTom.Query.OData;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FinkTom.Livestream.Filters;

/// <summary>
/// The active filters: Fink's built-ins plus the users' filters from the store. The list is swapped whole on
/// every change, so evaluating it on each alert takes no lock. Filters speak the OData feed's <c>$filter</c> language
/// (<see cref="ODataFilterParser"/>): one predicate language across FinkTom. With a transport registered
/// (<paramref name="topics"/>), a filter's topic is created with the filter and retired with it. With a store that
/// other instances share (<see cref="IFilterStore.Shared"/>), <see cref="SyncAsync"/> re-reads it at most every
/// <see cref="LivestreamOptions.SharedFiltersRefreshSeconds"/>, so that a filter created on one instance is used by all.
/// </summary>
public sealed class FilterRegistry(IFilterStore repository, ILogger<FilterRegistry> logger, ILivestreamTopics? topics = null,
    IOptions<LivestreamOptions>? options = null)
{
    private volatile IReadOnlyList<LivestreamFilter> _active = [];
    private readonly SemaphoreSlim _changes = new(1, 1);
    private readonly long _refreshMs = (long)((options?.Value.SharedFiltersRefreshSeconds ?? 5) * 1000);
    private long _readAt = long.MinValue; // Environment.TickCount64 of the last read of a shared store

    public IReadOnlyList<LivestreamFilter> Active => _active;

    public LivestreamFilter? Find(string name) => _active.FirstOrDefault(f => f.Name == name);

    /// <summary>Compiles the built-ins and loads the stored filters (a stored filter that no longer parses is logged and left out).</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            await ReadAsync(cancellationToken);
        }
        finally
        {
            _changes.Release();
        }
        var filters = _active;
        logger.LogInformation("Livestream filters: {BuiltIn} built-in, {User} user-defined{Shared}", filters.Count(f => f.BuiltIn), filters.Count(f => !f.BuiltIn),
            repository.Shared ? " (shared with the other instances on the cluster)" : "");
    }

    /// <summary>
    /// Re-reads a shared store when this instance's copy is older than the refresh interval (a no-op for the
    /// instance's own file): called before alerts are matched and before filters are listed or streamed.
    /// </summary>
    public async Task SyncAsync(CancellationToken cancellationToken = default)
    {
        if (!repository.Shared || !Stale())
            return;
        await _changes.WaitAsync(cancellationToken);
        try
        {
            if (!Stale())
                return; // another caller read it meanwhile
            var before = _active.Where(f => !f.BuiltIn).Select(f => f.Name).ToHashSet();
            await ReadAsync(cancellationToken);
            var after = _active.Where(f => !f.BuiltIn).Select(f => f.Name).ToHashSet();
            if (!before.SetEquals(after))
                logger.LogInformation("Livestream filters changed on another instance: now {Names}", string.Join(", ", after.Order()));
        }
        finally
        {
            _changes.Release();
        }
    }

    private bool Stale() => Environment.TickCount64 - Interlocked.Read(ref _readAt) >= _refreshMs;

    // Under _changes. A filter whose text and survey did not change keeps its compiled predicate.
    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var previous = _active.Where(f => !f.BuiltIn).ToDictionary(f => f.Name);
        var filters = new List<LivestreamFilter>();
        foreach (var builtIn in BuiltInFilters.All)
        {
            var survey = builtIn.Survey ?? Survey.Ztf;
            if (!ODataFilterParser.TryParse(builtIn.Expression, survey, out var predicate, out var error))
                throw new InvalidOperationException($"Built-in filter {builtIn.Name} does not parse: {error}");
            filters.Add(new LivestreamFilter(builtIn.Name, builtIn.Expression, predicate, builtIn.Description, builtIn: true, null, builtIn.Refinement, survey));
        }
        foreach (var stored in await repository.ListAsync(cancellationToken))
        {
            if (filters.Any(f => f.Name == stored.Name))
                continue;
            if (previous.TryGetValue(stored.Name, out var known) && known.Expression == stored.Expression && known.Survey == stored.Survey)
                filters.Add(known);
            else if (ODataFilterParser.TryParse(stored.Expression, stored.Survey, out var predicate, out var error))
                filters.Add(new LivestreamFilter(stored.Name, stored.Expression, predicate, stored.Description, builtIn: false, stored.CreatedAt, survey: stored.Survey));
            else
                logger.LogWarning("Stored filter {Name} no longer parses and is inactive: {Error}", stored.Name, error);
        }
        _active = filters;
        Interlocked.Exchange(ref _readAt, Environment.TickCount64);
    }

    /// <summary>Parses and validates without storing (for tests of a filter text before saving it).</summary>
    public LivestreamFilter Compile(string name, string expression, string? description, out string? error) =>
        Compile(name, expression, description, Survey.Ztf, out error);

    /// <summary>As <see cref="Compile(string, string, string?, out string?)"/>, over <paramref name="survey"/>'s columns.</summary>
    public LivestreamFilter Compile(string name, string expression, string? description, Survey survey, out string? error)
    {
        error = ODataFilterParser.TryParse(expression, survey, out var predicate, out var parseError) ? null : parseError;
        return new LivestreamFilter(name, expression, error is null ? predicate : null, description, builtIn: false, DateTimeOffset.UtcNow, survey: survey);
    }

    public Task<FilterChange> AddAsync(string name, string expression, string? description, CancellationToken cancellationToken = default) =>
        AddAsync(name, expression, description, Survey.Ztf, cancellationToken);

    public async Task<FilterChange> AddAsync(string name, string expression, string? description, Survey survey, CancellationToken cancellationToken = default)
    {
        if (LivestreamFilter.CheckName(name) is { } nameError)
            return FilterChange.Invalid(nameError, "name");
        var filter = Compile(name, expression, description, survey, out var error);
        if (error is not null)
            return FilterChange.Invalid(error, "filter");
        await _changes.WaitAsync(cancellationToken);
        try
        {
            if (repository.Shared)
                await ReadAsync(cancellationToken); // another instance may have taken the name
            if (Find(name) is not null)
                return FilterChange.Conflict($"A filter named '{name}' exists{(Find(name)!.BuiltIn ? " (built-in)" : "")}; delete it first or choose another name.");
            if (!await repository.AddAsync(new FilterDefinition(name, expression, description, filter.CreatedAt!.Value, survey), cancellationToken))
                return FilterChange.Conflict($"A filter named '{name}' exists.");
            _active = [.. _active, filter];
            if (topics is not null)
                await topics.FilterCreatedAsync(filter.Topic, cancellationToken);
            return FilterChange.Done(filter);
        }
        finally
        {
            _changes.Release();
        }
    }

    public async Task<FilterChange> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await _changes.WaitAsync(cancellationToken);
        try
        {
            if (repository.Shared)
                await ReadAsync(cancellationToken); // it may have been created on another instance
            var filter = Find(name);
            if (filter is null)
                return FilterChange.Missing($"No filter named '{name}'.");
            if (filter.BuiltIn)
                return FilterChange.Conflict($"'{name}' is a built-in Fink filter and cannot be deleted.");
            await repository.DeleteAsync(name, cancellationToken);
            _active = _active.Where(f => f.Name != name).ToList();
            if (topics is not null)
                await topics.FilterDeletedAsync(filter.Topic, cancellationToken);
            return FilterChange.Done(filter);
        }
        finally
        {
            _changes.Release();
        }
    }
}

public enum FilterChangeKind
{
    Done,
    Invalid,
    Conflict,
    Missing,
}

public sealed record FilterChange(FilterChangeKind Kind, LivestreamFilter? Filter, string? Error, string? Parameter)
{
    public static FilterChange Done(LivestreamFilter filter) => new(FilterChangeKind.Done, filter, null, null);
    public static FilterChange Invalid(string error, string parameter) => new(FilterChangeKind.Invalid, null, error, parameter);
    public static FilterChange Conflict(string error) => new(FilterChangeKind.Conflict, null, error, "name");
    public static FilterChange Missing(string error) => new(FilterChangeKind.Missing, null, error, "name");
}
