using System.Net;
using System.Text.Json;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;

namespace FinkTom.Store.Elasticsearch.Api;

/// <summary>Elasticsearch answered with an error (or could not be reached); the message carries its own reason.</summary>
public class ElasticsearchException(string message, HttpStatusCode? status = null, string? errorType = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? Status { get; } = status;

    /// <summary>Elasticsearch's <c>error.type</c>, e.g. <c>index_not_found_exception</c>.</summary>
    public string? ErrorType { get; } = errorType;

    /// <summary>An exception for a failed response: "{what}: HTTP 400 parsing_exception: [bool] unknown field …".</summary>
    public static ElasticsearchException From(string what, TransportResponse response)
    {
        var details = response.ApiCallDetails;
        if (details.HttpStatusCode is not { } status)
            return new ElasticsearchException($"{what}: Elasticsearch could not be reached ({Deepest(details.OriginalException)?.Message ?? details.DebugInformation})",
                inner: details.OriginalException);
        (string? type, string? reason) = response switch
        {
            ElasticsearchResponse { ElasticsearchServerError.Error: { } error } => (error.Type, DeepestReason(error)),
            StringResponse text => Describe(text.Body),
            _ => (null, Deepest(details.OriginalException)?.Message),
        };
        return new ElasticsearchException($"{what}: HTTP {status} {type ?? ((HttpStatusCode)status).ToString()}{(reason is null ? "" : ": " + reason)}",
            (HttpStatusCode)status, type, details.OriginalException);
    }

    private static Exception? Deepest(Exception? e) => e?.InnerException is { } inner ? Deepest(inner) : e;

    private static string? DeepestReason(Elastic.Transport.Products.Elasticsearch.ErrorCause error)
    {
        var reason = error.Reason;
        for (var cause = error.CausedBy; cause is not null; cause = cause.CausedBy)
            reason = cause.Reason ?? reason;
        return reason;
    }

    /// <summary>Reads <c>error.type</c> and the deepest <c>reason</c> of an error body.</summary>
    public static (string? Type, string? Reason) Describe(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return (null, null);
        try
        {
            var error = JsonSerializer.Deserialize(body, ElasticsearchJsonContext.Default.ErrorResponse)?.Error;
            if (error is null)
                return (null, Trim(body));
            var reason = error.Reason;
            for (var cause = error.CausedBy; cause is not null; cause = cause.CausedBy)
                reason = cause.Reason ?? reason;
            return (error.Type, reason);
        }
        catch (JsonException)
        {
            return (null, Trim(body)); // a proxy's HTML page, say
        }
    }

    private static string Trim(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>Some documents of a bulk write were refused for good. The others of the batch are stored.</summary>
public sealed class ElasticsearchBulkException(string message, IReadOnlyList<BulkFailure> failures)
    : ElasticsearchException(message)
{
    public IReadOnlyList<BulkFailure> Failures { get; } = failures;
}

/// <summary>One refused document: where it was going, its id, and Elasticsearch's status and reason.</summary>
public sealed record BulkFailure(string Index, string Id, int Status, string? ErrorType, string? Reason)
{
    public override string ToString() => $"{Index}/{Id}: HTTP {Status} {ErrorType}: {Reason}";
}
