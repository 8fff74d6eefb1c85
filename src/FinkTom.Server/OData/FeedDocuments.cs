using System.Text.Json;
using FinkTom.Core.Query;
using FinkTom.Query.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace FinkTom.Server.OData;

/// <summary>The service document, the CSDL, and the Cone function's parameters.</summary>
internal static class FeedDocuments
{
    public static IResult Metadata(HttpContext http)
    {
        ODataResults.SetVersion(http.Response);
        return TypedResults.Bytes(ODataFeed.Metadata, "application/xml;charset=utf-8");
    }

    public static IResult ServiceDocument(FeedContext context)
    {
        ODataResults.SetVersion(context.Http.Response);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, FeedJsonWriter.Options))
        {
            json.WriteStartObject();
            if (!context.NoMetadata)
                json.WriteString("@odata.context", context.ServiceRoot + "$metadata");
            json.WriteStartArray("value");
            foreach (var set in FeedModel.Model.EntityContainer.EntitySets().Select(s => s.Name))
            {
                json.WriteStartObject();
                json.WriteString("name", set);
                json.WriteString("kind", "EntitySet");
                json.WriteString("url", set);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return TypedResults.Bytes(buffer.ToArray(), context.ContentType);
    }

    /// <summary>ra, dec in degrees and radius in arcsec, checked as the REST API's conesearch checks them.</summary>
    public static Cone ConeParameters(OperationSegment segment)
    {
        double Value(string name)
        {
            var parameter = segment.Parameters.FirstOrDefault(p => p.Name == name)
                ?? throw new ODataQueryException($"Cone needs the parameter {name}.", name);
            var node = parameter.Value is ConvertNode convert ? convert.Source : parameter.Value;
            return node is ConstantNode { Value: { } value } && value is int or long or float or double or decimal
                ? Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)
                : throw new ODataQueryException($"Cone's {name} must be a number written in the URL, e.g. {name}=12.5.", name);
        }
        var (ra, dec, radius) = (Value("ra"), Value("dec"), Value("radius"));
        if (!double.IsFinite(ra) || ra < 0 || ra > 360)
            throw new ODataQueryException($"ra must be between 0 and 360 degrees, got {ra}.", "ra");
        if (!double.IsFinite(dec) || dec < -90 || dec > 90)
            throw new ODataQueryException($"dec must be between -90 and 90 degrees, got {dec}.", "dec");
        if (!(radius > 0) || radius > Api.Parameters.ConeParameters.MaxRadiusArcsec)
            throw new ODataQueryException($"radius is in arcseconds and must be more than 0 and at most 18,000 (5 degrees), got {radius}.", "radius");
        return new Cone(ra, dec, radius / 3600);
    }
}
