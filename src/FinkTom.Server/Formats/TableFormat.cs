namespace FinkTom.Server.Formats;

/// <summary>The tabular <c>output-format</c> values of the Fink API (contract §1.3).</summary>
public enum TableFormat
{
    Json,
    Csv,
    Parquet,
    VoTable,
}

/// <summary>Parsing and content types of <see cref="TableFormat"/>.</summary>
public static class TableFormats
{
    /// <summary>The <c>output-format</c> parameter name.</summary>
    public const string ParameterName = "output-format";

    /// <summary>
    /// Parses <c>output-format</c>. Absent (null) means <c>json</c>, Fink's default. Names are matched exactly as
    /// Fink spells them (<c>json</c>, <c>csv</c>, <c>parquet</c>, <c>votable</c>): Fink compares them case-sensitively.
    /// </summary>
    public static ParameterResult<TableFormat> Parse(string? value) => value switch
    {
        null or "json" => ParameterResult<TableFormat>.Ok(TableFormat.Json),
        "csv" => ParameterResult<TableFormat>.Ok(TableFormat.Csv),
        "parquet" => ParameterResult<TableFormat>.Ok(TableFormat.Parquet),
        "votable" => ParameterResult<TableFormat>.Ok(TableFormat.VoTable),
        // Fink's wording (new API), without its trailing newline.
        _ => ParameterResult<TableFormat>.Fail(ParameterName,
            $"Output format `{value}` is not supported. Choose among json, csv, votable, or parquet"),
    };

    /// <summary>The name Fink uses for the format (<c>output-format</c> value).</summary>
    public static string Name(this TableFormat format) => format switch
    {
        TableFormat.Json => "json",
        TableFormat.Csv => "csv",
        TableFormat.Parquet => "parquet",
        TableFormat.VoTable => "votable",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The response Content-Type, as the new Fink API sends it, except for Parquet.</summary>
    public static string ContentType(this TableFormat format) => format switch
    {
        TableFormat.Json => "application/json",
        // Fink's choice; text/csv is the registered type but clients of Fink may test for this one.
        TableFormat.Csv => "application/csv",
        TableFormat.VoTable => "text/xml",
        // Fink sends the literal `parquet`, which is not a valid media type (no slash) and which some HTTP
        // stacks reject; we send the type IANA registered for Parquet in 2024.
        TableFormat.Parquet => "application/vnd.apache.parquet",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
