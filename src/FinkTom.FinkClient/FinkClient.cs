using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Refit;

namespace FinkTom.FinkClient;

/// <summary>
/// Typed calls of the Fink API on top of <see cref="IFinkApi"/>: JSON tables as <see cref="FinkRecord"/> lists,
/// errors as <see cref="FinkApiException"/>, unreachable or slow servers as <see cref="FinkUnavailableException"/>.
/// For other formats, or to relay answers unchanged, use <see cref="Raw"/>.
/// </summary>
public sealed class FinkClient(IFinkApi api)
{
    /// <summary>Refit's JSON settings for request bodies: Fink's names as declared, unset parameters left out.</summary>
    public static RefitSettings RefitSettings { get; } = new(new SystemTextJsonContentSerializer(new JsonSerializerOptions
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    }));

    private static readonly JsonSerializerOptions ReadOptions = new();

    /// <summary>The raw Refit interface: responses are returned unread, whatever their status.</summary>
    public IFinkApi Raw => api;

    /// <summary>A client without dependency injection, e.g. in a script or a test.</summary>
    public static FinkClient Create(FinkClientOptions options, HttpMessageHandler? handler = null)
    {
        if (options.Problem() is { } problem)
            throw new ArgumentException(problem, nameof(options));
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        Configure(http, options);
        return new FinkClient(RestService.For<IFinkApi>(http, RefitSettings));
    }

    internal static void Configure(HttpClient http, FinkClientOptions options)
    {
        http.BaseAddress = options.BaseAddress;
        http.Timeout = options.Timeout;
        http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
    }

    public Task<IReadOnlyList<FinkRecord>> ObjectsAsync(ObjectsRequest request, CancellationToken ct = default) =>
        TableAsync(request.OutputFormat, () => api.ObjectsAsync(request, ct), ct);

    public Task<IReadOnlyList<FinkRecord>> ConeSearchAsync(ConeSearchRequest request, CancellationToken ct = default) =>
        TableAsync(request.OutputFormat, () => api.ConeSearchAsync(request, ct), ct);

    public Task<IReadOnlyList<FinkRecord>> LatestsAsync(LatestsRequest request, CancellationToken ct = default) =>
        TableAsync(request.OutputFormat, () => api.LatestsAsync(request, ct), ct);

    public Task<IReadOnlyList<FinkRecord>> AnomalyAsync(AnomalyRequest request, CancellationToken ct = default) =>
        TableAsync(request.OutputFormat, () => api.AnomalyAsync(request, ct), ct);

    public Task<IReadOnlyList<FinkRecord>> TrackletAsync(TrackletRequest request, CancellationToken ct = default) =>
        TableAsync(request.OutputFormat, () => api.TrackletAsync(request, ct), ct);

    public Task<IReadOnlyList<FinkRecord>> SsoAsync(SsoRequest request, CancellationToken ct = default) =>
        TableAsync(request.OutputFormat, () => api.SsoAsync(request, ct), ct);

    public async Task<FinkClasses> ClassesAsync(CancellationToken ct = default) =>
        await JsonAsync<FinkClasses>(() => api.ClassesAsync(ct), ct);

    /// <summary>Family (<c>ZTF original fields (i:)</c>, ...) → field name without prefix → type and doc.</summary>
    public async Task<Dictionary<string, Dictionary<string, FinkField>>> SchemaAsync(CancellationToken ct = default) =>
        await JsonAsync<Dictionary<string, Dictionary<string, FinkField>>>(() => api.SchemaAsync(ct), ct);

    /// <summary>A PNG or FITS stamp, as sent.</summary>
    public async Task<FinkFile> CutoutAsync(CutoutsRequest request, CancellationToken ct = default)
    {
        if (request.OutputFormat == "array")
            throw new ArgumentException("Use CutoutArraysAsync for output-format=array.", nameof(request));
        using var response = await SendAsync(() => api.CutoutsAsync(request, ct), ct);
        var content = response.Content;
        return new FinkFile(await content.ReadAsByteArrayAsync(ct), content.Headers.ContentType?.MediaType,
            content.Headers.ContentDisposition?.FileNameStar ?? content.Headers.ContentDisposition?.FileName?.Trim('"'));
    }

    /// <summary>Stamps as 2-D arrays (<c>output-format=array</c>), keyed <c>b:cutoutScience_stampData</c> etc.; NaN pixels are null.</summary>
    public async Task<Dictionary<string, double?[][]>> CutoutArraysAsync(CutoutsRequest request, CancellationToken ct = default) =>
        await JsonAsync<Dictionary<string, double?[][]>>(() => api.CutoutsAsync(request with { OutputFormat = "array" }, ct), ct);

    private async Task<IReadOnlyList<FinkRecord>> TableAsync(string? format, Func<Task<HttpResponseMessage>> call, CancellationToken ct)
    {
        if (format is not null && format != "json")
            throw new ArgumentException($"output-format={format}: read other formats through Raw.", nameof(format));
        return await JsonAsync<List<FinkRecord>>(call, ct);
    }

    private static async Task<T> JsonAsync<T>(Func<Task<HttpResponseMessage>> call, CancellationToken ct)
    {
        using var response = await SendAsync(call, ct);
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ReadOptions, ct)
                ?? throw new JsonException("The answer is JSON null.");
        }
        catch (JsonException e)
        {
            throw new FinkApiException(response.StatusCode, $"The answer is not the JSON the contract documents: {e.Message}",
                null, response.RequestMessage?.RequestUri, null);
        }
    }

    private static Exception? Transport(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
            if (current is TaskCanceledException or TimeoutException or HttpRequestException)
                return current;
        return null;
    }

    /// <summary>Sends, and turns transport failures and error statuses into this library's exceptions.</summary>
    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> call, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await call();
        }
        catch (Exception e) when (!ct.IsCancellationRequested && Transport(e) is { } cause)
        {
            // Refit wraps transport failures in ApiRequestException; the cause says timeout or no connection.
            var timedOut = cause is TaskCanceledException or TimeoutException;
            throw new FinkUnavailableException(timedOut
                ? $"The Fink API did not answer within the timeout: {cause.Message}"
                : $"The Fink API is unreachable: {cause.Message}", timedOut, e);
        }
        if (response.IsSuccessStatusCode)
            return response;
        using (response)
            throw await FinkApiException.FromResponseAsync(response, ct);
    }
}
