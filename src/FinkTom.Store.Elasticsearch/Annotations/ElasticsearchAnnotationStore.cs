using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinkTom.Core.Annotations;
using FinkTom.Store.Elasticsearch.Api;

namespace FinkTom.Store.Elasticsearch.Annotations;

/// <summary>
/// Annotations in one index, <c>{prefix}-metadata</c>, one document per object id (the document id), keyword fields
/// named as Fink's columns without their family. Written with refresh so that a GET right after a POST sees it.
/// </summary>
public sealed class ElasticsearchAnnotationStore(Elastic.Clients.Elasticsearch.ElasticsearchClient client, ElasticsearchStoreOptions options) : IAnnotationStore
{
    private readonly ElasticsearchCalls _calls = new(client, new Backoff(options.MaxRetries, options.RetryBaseDelay));
    private volatile bool _created;

    public string Index => options.IndexPrefix + "-metadata";

    public async Task SaveAsync(ObjectAnnotation annotation, CancellationToken cancellationToken = default)
    {
        await EnsureIndexAsync(cancellationToken).ConfigureAwait(false);
        var action = new JsonObject { ["index"] = new JsonObject { ["_index"] = Index, ["_id"] = annotation.ObjectId } };
        var document = new JsonObject
        {
            ["objectId"] = annotation.ObjectId, ["internal_name"] = annotation.InternalName,
            ["internal_name_encoded"] = annotation.InternalNameEncoded, ["comments"] = annotation.Comments, ["username"] = annotation.Username,
        };
        var response = await _calls.BulkAsync(Encoding.UTF8.GetBytes(action.ToJsonString() + "\n" + document.ToJsonString() + "\n"), cancellationToken).ConfigureAwait(false);
        if (!response.ApiCallDetails.HasSuccessfulStatusCode)
            throw ElasticsearchException.From($"annotation of {annotation.ObjectId} in {Index}", response);
        if (response.Items.FirstOrDefault() is { Error: { } refused })
            throw new ElasticsearchException($"annotation of {annotation.ObjectId} in {Index}: {refused.Type}: {refused.Reason}");
        await _calls.RefreshAsync(Index, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<ObjectAnnotation>> FindAsync(AnnotationKey key, string value, CancellationToken cancellationToken = default)
    {
        var field = key switch
        {
            AnnotationKey.InternalName => "internal_name",
            AnnotationKey.InternalNameEncoded => "internal_name_encoded",
            _ => "objectId",
        };
        JsonNode query = key == AnnotationKey.ObjectId && value == "all"
            ? new JsonObject { ["match_all"] = new JsonObject() }
            : new JsonObject { ["term"] = new JsonObject { [field] = value } };
        var body = new JsonObject { ["query"] = query, ["size"] = 10_000, ["sort"] = new JsonArray(new JsonObject { ["objectId"] = new JsonObject { ["order"] = "asc" } }) };
        var response = await _calls.SearchAsync(Index, body, cancellationToken).ConfigureAwait(false);
        return response.Hits.Hits.Where(h => h.Source is not null).Select(h => Read(h.Source!.Value)).ToList();
    }

    private static ObjectAnnotation Read(JsonElement source) => new(
        source.GetProperty("objectId").GetString()!, source.GetProperty("internal_name").GetString()!,
        source.GetProperty("comments").GetString() ?? "", source.GetProperty("username").GetString()!);

    private async Task EnsureIndexAsync(CancellationToken cancellationToken)
    {
        if (_created)
            return;
        var keyword = new JsonObject { ["type"] = "keyword" };
        var body = new JsonObject
        {
            ["mappings"] = new JsonObject
            {
                ["dynamic"] = "strict",
                ["properties"] = new JsonObject
                {
                    ["objectId"] = keyword.DeepClone(), ["internal_name"] = keyword.DeepClone(), ["internal_name_encoded"] = keyword.DeepClone(),
                    ["username"] = keyword.DeepClone(), ["comments"] = new JsonObject { ["type"] = "keyword", ["index"] = false, ["doc_values"] = false }, // kept, not searched
                },
            },
        };
        await _calls.CreateIndexAsync(Index, cancellationToken, body).ConfigureAwait(false);
        _created = true;
    }
}
