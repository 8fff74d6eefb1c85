using FinkTom.Server.Formats;
using Microsoft.AspNetCore.Http.Metadata;

namespace FinkTom.Server.Api;

/// <summary>
/// A tabular answer in the requested <c>output-format</c>. JSON writes 64-bit integers as bare numbers like Fink;
/// a client that sends <c>Accept: application/json;IEEE754Compatible=true</c> (the OData convention) gets them
/// as strings, so JavaScript's 53-bit numbers lose no digit of an id such as <c>i:candid</c>.
/// </summary>
public sealed class TableHttpResult(ResultTable table, TableFormat format) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = format.ContentType();
        var options = TableWriteOptions.FromAcceptHeader(httpContext.Request.Headers.Accept.ToString());
        await TableWriter.WriteAsync(table, format, response.Body, options, httpContext.RequestAborted);
    }

    public static void PopulateMetadata(System.Reflection.MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(object),
            ["application/json", "application/csv", "text/xml", "application/vnd.apache.parquet"]));
}
