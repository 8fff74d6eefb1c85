using System.Security.Cryptography.X509Certificates;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace FinkTom.Store.Elasticsearch.Api;

/// <summary>
/// Builds the official client (Elastic.Clients.Elasticsearch 9.x) from the options: the cluster's nodes (one node, or
/// several with round-robin and fail-over between them), credentials, TLS trust and compression. The client checks the
/// <c>X-Elastic-Product</c> header of every answer and speaks REST API version 9.
/// </summary>
public static class ElasticsearchConnection
{
    public static ElasticsearchClient CreateClient(ElasticsearchStoreOptions options)
    {
        var nodes = options.NodeUris();
        NodePool pool = nodes.Count == 1 ? new SingleNodePool(nodes[0]) : new StaticNodePool(nodes);
        var settings = new ElasticsearchClientSettings(pool)
            .RequestTimeout(options.RequestTimeout)
            .EnableHttpCompression()
            // FinkTom's own back-off (Backoff.cs) waits and retries a busy cluster; the transport only fails over to the
            // next node of the pool on a dead connection.
            .MaximumRetries(Math.Max(0, nodes.Count - 1))
            .ResponseHeadersToParse(new HeadersList("Retry-After"))
            .ThrowExceptions(false);
        if (!string.IsNullOrEmpty(options.ApiKey))
            settings = settings.Authentication(new ApiKey(options.ApiKey));
        else if (!string.IsNullOrEmpty(options.Username))
            settings = settings.Authentication(new BasicAuthentication(options.Username, options.Password ?? ""));
        if (options.CaCertificatePath is { Length: > 0 } path)
            settings = settings.ServerCertificateValidationCallback(CertificateValidations.AuthorityIsRoot(X509Certificate2.CreateFromPem(File.ReadAllText(path))));
        else if (options.CaCertificateFingerprint is { Length: > 0 } fingerprint)
            settings = settings.CertificateFingerprint(fingerprint);
        return new ElasticsearchClient(settings);
    }
}
