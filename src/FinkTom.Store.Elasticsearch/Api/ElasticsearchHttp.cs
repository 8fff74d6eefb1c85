using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Refit;

namespace FinkTom.Store.Elasticsearch.Api;

/// <summary>Builds the HTTP side of the client: address, credentials, TLS trust and compression.</summary>
public static class ElasticsearchHttp
{
    /// <summary>Refit on System.Text.Json with source-generated metadata for every body.</summary>
    public static RefitSettings RefitSettings() => Refit.RefitSettings.ForJsonContext(ElasticsearchJsonContext.Default);

    /// <summary>A client on its own <see cref="HttpClient"/> (the CLI, tests); the server uses the factory registration.</summary>
    public static IElasticsearchApi CreateApi(ElasticsearchStoreOptions options, HttpMessageHandler? handler = null)
    {
        var http = new HttpClient(handler ?? PrimaryHandler(options));
        Configure(http, options);
        return RestService.ForGenerated<IElasticsearchApi>(http, RefitSettings());
    }

    public static void Configure(HttpClient http, ElasticsearchStoreOptions options)
    {
        http.BaseAddress = new Uri(options.Url.TrimEnd('/') + "/");
        http.Timeout = options.RequestTimeout;
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(options.ApiKey))
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("ApiKey", options.ApiKey);
        else if (!string.IsNullOrEmpty(options.Username))
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
    }

    public static HttpMessageHandler PrimaryHandler(ElasticsearchStoreOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5), // follow DNS changes of a cluster behind a load balancer
        };
        if (options.CaCertificatePath is { Length: > 0 } path)
        {
            var ca = X509Certificate2.CreateFromPem(File.ReadAllText(path));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedBy(ca, certificate, errors);
        }
        return handler;
    }

    /// <summary>Accepts a server certificate that chains to the configured CA; a wrong host name is still refused.</summary>
    private static bool TrustedBy(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
            return true;
        if (certificate is null || errors != SslPolicyErrors.RemoteCertificateChainErrors)
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    }
}
