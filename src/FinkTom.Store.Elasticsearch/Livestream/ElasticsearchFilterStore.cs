using System.Text.Json.Serialization;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.Mapping;
using FinkTom.Core.Surveys;
using FinkTom.Livestream.Filters;
using FinkTom.Store.Elasticsearch.Api;

namespace FinkTom.Store.Elasticsearch.Livestream;

/// <summary>
/// Users' livestream filters in the cluster, index <c>{prefix}-livestream-filters</c>, one document per filter with the
/// filter's name as its id: every FinkTom instance on the cluster (same <c>IndexPrefix</c>) sees the same filters.
/// A name is taken once across instances (<c>_create</c> answers 409 for an existing id); writes refresh the index so
/// that the next read on any instance sees them. Typed calls of the official client throughout.
/// </summary>
public sealed class ElasticsearchFilterStore(ElasticsearchClient client, ElasticsearchStoreOptions options) : IFilterStore
{
    /// <summary>More than anyone creates by hand; the list is read whole.</summary>
    private const int MaxFilters = 10_000;

    private readonly ElasticsearchCalls _calls = new(client, new Backoff(options.MaxRetries, options.RetryBaseDelay));
    private volatile bool _created;

    public string Index => options.IndexPrefix + "-livestream-filters";

    public bool Shared => true;

    public async Task<IReadOnlyList<FilterDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureIndexAsync(cancellationToken).ConfigureAwait(false);
        var request = new SearchRequest(Index) { Size = MaxFilters };
        var response = await _calls.Backoff.RunAsync(ct => client.SearchAsync<FilterDocument>(request, ct), cancellationToken).ConfigureAwait(false);
        if (!response.IsValidResponse)
            throw ElasticsearchException.From($"livestream filters in {Index}", response);
        return response.Documents.Select(Read).OfType<FilterDefinition>().OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<bool> AddAsync(FilterDefinition filter, CancellationToken cancellationToken = default)
    {
        await EnsureIndexAsync(cancellationToken).ConfigureAwait(false);
        var document = new FilterDocument(filter.Name, filter.Expression, filter.Description, filter.CreatedAt, filter.Survey.Name);
        var request = new CreateRequest<FilterDocument>(document, Index, filter.Name) { Refresh = Refresh.True };
        var response = await _calls.Backoff.RunAsync(ct => client.CreateAsync(request, ct), cancellationToken).ConfigureAwait(false);
        if (response.IsValidResponse)
            return true;
        return response.ApiCallDetails.HttpStatusCode == 409 ? false : throw ElasticsearchException.From($"livestream filter {filter.Name} in {Index}", response);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await EnsureIndexAsync(cancellationToken).ConfigureAwait(false);
        var request = new DeleteRequest(Index, name) { Refresh = Refresh.True };
        var response = await _calls.Backoff.RunAsync(ct => client.DeleteAsync(request, ct), cancellationToken).ConfigureAwait(false);
        if (response.IsValidResponse)
            return true;
        return response.ApiCallDetails.HttpStatusCode == 404 ? false : throw ElasticsearchException.From($"deleting livestream filter {name} in {Index}", response);
    }

    // A document naming a survey this FinkTom does not know (written by a newer version) is left out, not fatal.
    private static FilterDefinition? Read(FilterDocument d) =>
        Survey.Named(d.Survey) is { } survey ? new FilterDefinition(d.Name, d.Expression, d.Description, d.CreatedAt, survey) : null;

    private async Task EnsureIndexAsync(CancellationToken cancellationToken)
    {
        if (_created)
            return;
        var request = new CreateIndexRequest(Index)
        {
            Settings = new IndexSettings { NumberOfShards = 1, NumberOfReplicas = options.Replicas },
            Mappings = new TypeMapping
            {
                Dynamic = DynamicMapping.Strict,
                Properties = new Properties
                {
                    { "name", new KeywordProperty() },
                    { "expression", new KeywordProperty { Index = false, DocValues = false } }, // kept, not searched
                    { "description", new KeywordProperty { Index = false, DocValues = false } },
                    { "created_at", new DateProperty() },
                    { "survey", new KeywordProperty() },
                },
            },
        };
        var response = await _calls.Backoff.RunAsync(ct => client.Indices.CreateAsync(request, ct), cancellationToken).ConfigureAwait(false);
        if (!response.IsValidResponse && ElasticsearchException.From($"creating index {Index}", response) is { ErrorType: not "resource_already_exists_exception" } failure)
            throw failure;
        _created = true;
    }

    /// <summary>A filter as stored in the cluster.</summary>
    public sealed record FilterDocument(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("expression")] string Expression,
        [property: JsonPropertyName("description")] string? Description,
        [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
        [property: JsonPropertyName("survey")] string Survey);
}
