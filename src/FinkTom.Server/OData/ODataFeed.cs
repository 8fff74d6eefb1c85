using System.Text;
using System.Xml;
using FinkTom.Query.OData;
using Microsoft.OData.Edm.Csdl;

namespace FinkTom.Server.OData;

/// <summary>
/// The OData v4 feed at <c>/odata</c> that Excel and Power BI open with "From OData Feed": service document,
/// <c>$metadata</c> (CSDL XML), ZTF's Alerts and Objects, Rubin's LsstSources, LsstObjects and LsstForcedPhotometry, the
/// Classes and Columns reference sets, and the Cone function.
/// Read-only, behind <see cref="ODataAuthentication"/>.
/// </summary>
public static class ODataFeed
{
    public const string RoutePrefix = "/odata";
    public const string CorsPolicy = "odata";

    public static IServiceCollection AddODataFeed(this IServiceCollection services)
    {
        services.AddOptions<ODataFeedOptions>().BindConfiguration(ODataFeedOptions.SectionName)
            .Validate(o => o.PageSize > 0 && o.MaxPageSize >= o.PageSize && o.MaxTop > 0 && o.ExpandPageSize > 0 && o.MaxExpandedAlerts > 0,
                "OData: PageSize, MaxTop, ExpandPageSize and MaxExpandedAlerts must be positive, and MaxPageSize at least PageSize.")
            .ValidateOnStart();
        services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy
            .AllowAnyOrigin().AllowAnyHeader().WithMethods("GET").WithExposedHeaders("OData-Version", "Preference-Applied")));
        return services;
    }

    public static IEndpointRouteBuilder MapODataFeed(this IEndpointRouteBuilder app)
    {
        var feed = app.MapGroup(RoutePrefix).RequireCors(CorsPolicy).AddEndpointFilter<ODataAuthentication>()
            .WithTags("OData").ExcludeFromDescription();
        feed.MapGet("/{**path}", FeedHandler.HandleAsync);
        feed.MapMethods("/{**path}", ["POST", "PUT", "PATCH", "DELETE", "MERGE"], () =>
            ODataResults.Error(StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", "The feed is read-only: use GET.", null));
        return app;
    }

    /// <summary>The CSDL document, written once: FinkTom's types, sets and function.</summary>
    internal static byte[] Metadata { get; } = WriteMetadata();

    private static byte[] WriteMetadata()
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            if (!CsdlWriter.TryWriteCsdl(FeedModel.Model, xml, CsdlTarget.OData, out var errors))
                throw new InvalidOperationException("The OData model does not serialise: " + string.Join("; ", errors.Select(e => e.ErrorMessage)));
        }
        return buffer.ToArray();
    }
}
