namespace FinkTom.FinkClient;

/// <summary>Where the Fink API is and how long to wait for it; bound from the <c>FinkClient</c> configuration section.</summary>
public sealed class FinkClientOptions
{
    public const string SectionName = "FinkClient";

    /// <summary>Fink's public ZTF API; point it at a FinkTom (<c>http://127.0.0.1:5080</c>) to call that instead.</summary>
    public static readonly Uri FinkZtfApi = new("https://api.ztf.fink-portal.org");

    /// <summary>The server's root (the client adds <c>/api/v1/...</c>).</summary>
    public Uri BaseAddress { get; set; } = FinkZtfApi;

    /// <summary>Per request, headers and body. Fink's own clients wait 60 s for large answers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Sent as the User-Agent header, so an upstream can tell who calls it.</summary>
    public string UserAgent { get; set; } = "FinkTom.FinkClient";

    /// <summary>The reason the options are unusable, or null.</summary>
    public string? Problem() =>
        !BaseAddress.IsAbsoluteUri || (BaseAddress.Scheme != Uri.UriSchemeHttp && BaseAddress.Scheme != Uri.UriSchemeHttps)
            ? $"FinkClient:BaseAddress must be an absolute http(s) URL, got '{BaseAddress}'."
        : Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromHours(1)
            ? $"FinkClient:Timeout must be between 0 and 1 hour, got {Timeout}."
        : null;
}
