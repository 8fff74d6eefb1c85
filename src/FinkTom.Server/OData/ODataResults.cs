using System.Text.Json;
using FinkTom.Query.OData;

namespace FinkTom.Server.OData;

/// <summary>OData error bodies (<c>{"error": {"code", "message", "target"}}</c>) and the headers every feed answer carries.</summary>
internal static class ODataResults
{
    public const string Version = "4.0";

    public static IResult Error(int status, string code, string message, string? target) => new ErrorResult(status, code, message, target);

    public static IResult Error(ODataQueryException e) => Error(e.StatusCode, CodeFor(e.StatusCode), e.Message, e.Target);

    public static string CodeFor(int status) => status switch
    {
        StatusCodes.Status404NotFound => "NotFound",
        StatusCodes.Status406NotAcceptable => "NotAcceptable",
        StatusCodes.Status501NotImplemented => "NotImplemented",
        StatusCodes.Status401Unauthorized => "Unauthorized",
        _ => "BadRequest",
    };

    /// <summary>Exactly one OData-Version header (Power Query fails on two spellings of it).</summary>
    public static void SetVersion(HttpResponse response) => response.Headers["OData-Version"] = Version;

    private sealed class ErrorResult(int status, string code, string message, string? target) : IResult
    {
        public async Task ExecuteAsync(HttpContext context)
        {
            var response = context.Response;
            response.StatusCode = status;
            SetVersion(response);
            response.ContentType = "application/json;odata.metadata=minimal;charset=utf-8";
            await using var json = new Utf8JsonWriter(response.Body, FeedJsonWriter.Options);
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("code", code);
            json.WriteString("message", message);
            if (target is not null)
                json.WriteString("target", target);
            json.WriteEndObject();
            json.WriteEndObject();
        }
    }
}
