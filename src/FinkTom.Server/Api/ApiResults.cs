using FinkTom.Core.Api;
using FinkTom.Server.Api.Parameters;
using FinkTom.Server.Formats;

namespace FinkTom.Server.Api;

internal static class ApiResults
{
    public static BadRequest<FinkError> Bad(FinkError error) => TypedResults.BadRequest(error);

    public static BadRequest<FinkError> Bad(string parameter, string text) => TypedResults.BadRequest(new FinkError(text, parameter));

    /// <summary>Reads <c>output-format</c> for tabular endpoints (default json), with Fink's error text.</summary>
    public static TableFormat OutputFormat(ParameterReader reader)
    {
        var parsed = TableFormats.Parse(reader.String(TableFormats.ParameterName));
        return parsed.IsOk ? parsed.Value : reader.Fail(parsed.Error!.Parameter, parsed.Error.Text, TableFormat.Json);
    }
}
