using Refit;

namespace FinkTom.FinkClient;

/// <summary>
/// The Fink REST API (contracts/fink-api.openapi.yaml) as Refit declares it. Every method returns the raw
/// response, unread and unchecked, so a proxy can relay any format (JSON, CSV, Parquet, VOTable, PNG, FITS) with
/// its status and content type; <see cref="FinkClient"/> reads them into typed answers. Data endpoints are called
/// with POST and a JSON body, which Fink and FinkTom read like GET's query string.
/// </summary>
public interface IFinkApi
{
    /// <summary><c>/api/v1/objects</c>: every alert of one or more objects.</summary>
    [Post("/api/v1/objects")]
    Task<HttpResponseMessage> ObjectsAsync([Body] ObjectsRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>/api/v1/conesearch</c>: the latest alert of each object in a cone.</summary>
    [Post("/api/v1/conesearch")]
    Task<HttpResponseMessage> ConeSearchAsync([Body] ConeSearchRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>/api/v1/latests</c>: the newest alerts of a class.</summary>
    [Post("/api/v1/latests")]
    Task<HttpResponseMessage> LatestsAsync([Body] LatestsRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>/api/v1/anomaly</c>: each night's most anomalous alerts, newest first.</summary>
    [Post("/api/v1/anomaly")]
    Task<HttpResponseMessage> AnomalyAsync([Body] AnomalyRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>/api/v1/tracklet</c>: the alerts of satellite glints.</summary>
    [Post("/api/v1/tracklet")]
    Task<HttpResponseMessage> TrackletAsync([Body] TrackletRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>/api/v1/sso</c>: the alerts of Solar System objects.</summary>
    [Post("/api/v1/sso")]
    Task<HttpResponseMessage> SsoAsync([Body] SsoRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>/api/v1/cutouts</c>: a stamp as PNG, FITS or arrays.</summary>
    [Post("/api/v1/cutouts")]
    Task<HttpResponseMessage> CutoutsAsync([Body] CutoutsRequest request, CancellationToken cancellationToken = default);

    /// <summary><c>/api/v1/classes</c>: the class names <c>/latests</c> accepts.</summary>
    [Get("/api/v1/classes")]
    Task<HttpResponseMessage> ClassesAsync(CancellationToken cancellationToken = default);

    /// <summary>Any other endpoint by name (<c>resolver</c>, <c>ssoft</c>, <c>ssocand</c>, <c>ssobulk</c>...), its parameters
    /// as a JSON object (booleans as JSON booleans: Fink's resolver reads <c>reverse</c> only as JSON true).</summary>
    [Post("/api/v1/{endpoint}")]
    Task<HttpResponseMessage> PostAsync(string endpoint, [Body] IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken = default);

    /// <summary><c>/api/v1/schema</c>: every column with its type and description.</summary>
    [Get("/api/v1/schema")]
    Task<HttpResponseMessage> SchemaAsync(CancellationToken cancellationToken = default);
}
