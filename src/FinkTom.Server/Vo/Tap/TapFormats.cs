using FinkTom.Server.Formats;

namespace FinkTom.Server.Vo.Tap;

/// <summary>TAP's RESPONSEFORMAT (or TAP 1.0's FORMAT): a MIME type or a short name, mapped onto FinkTom's table writers.</summary>
public static class TapFormats
{
    /// <summary>The formats announced in the capabilities: MIME type, short name, TAPRegExt id.</summary>
    public static readonly IReadOnlyList<(TableFormat Format, string Mime, string Alias, string? IvoId)> Announced =
    [
        (TableFormat.VoTable, "application/x-votable+xml", "votable", "ivo://ivoa.net/std/TAPRegExt#output-votable-td"),
        (TableFormat.Csv, "text/csv", "csv", null),
        (TableFormat.Json, "application/json", "json", null),
        (TableFormat.Parquet, "application/vnd.apache.parquet", "parquet", null),
    ];

    public static TableFormat? Parse(string? value)
    {
        if (value is null)
            return TableFormat.VoTable;
        var mime = value.Split(';')[0].Trim().ToLowerInvariant();
        return mime switch
        {
            "votable" or "votable/td" or "application/x-votable+xml" or "text/xml" or "application/xml" or "vot" => TableFormat.VoTable,
            "csv" or "text/csv" => TableFormat.Csv,
            "json" or "application/json" => TableFormat.Json,
            "parquet" or "application/vnd.apache.parquet" => TableFormat.Parquet,
            _ => null,
        };
    }

    public static string ContentType(TableFormat format) => format switch
    {
        TableFormat.VoTable => VoErrors.VoTableContentType,
        TableFormat.Csv => "text/csv",
        TableFormat.Json => "application/json",
        _ => "application/vnd.apache.parquet",
    };

    public static string Extension(TableFormat format) => format switch
    {
        TableFormat.VoTable => "vot",
        TableFormat.Csv => "csv",
        TableFormat.Json => "json",
        _ => "parquet",
    };

    /// <summary>Writes a result: a VOTable carries QUERY_STATUS OK before the table and OVERFLOW after it when MAXREC cut it.</summary>
    public static Task WriteAsync(TapResult result, TableFormat format, Stream output, CancellationToken ct) =>
        format == TableFormat.VoTable
            ? VoTableWriter.WriteAsync(result.Table, output,
                new VoTableInfos([("QUERY_STATUS", "OK", null)], () => result.Overflow ? [("QUERY_STATUS", "OVERFLOW", null)] : []), ct)
            : TableWriter.WriteAsync(result.Table, format, output, null, ct);
}

/// <summary>A TAP result as an HTTP answer.</summary>
public sealed class TapHttpResult(TapResult result, TableFormat format) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = TapFormats.ContentType(format);
        await TapFormats.WriteAsync(result, format, httpContext.Response.Body, httpContext.RequestAborted);
    }
}
