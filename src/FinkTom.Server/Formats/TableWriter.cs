namespace FinkTom.Server.Formats;

/// <summary>Writes a <see cref="ResultTable"/> in any <see cref="TableFormat"/>.</summary>
public static class TableWriter
{
    /// <summary>
    /// Writes the table to the stream in the given format. Only asynchronous stream operations are used, so the
    /// stream may be an ASP.NET Core response body. The stream is left open.
    /// </summary>
    public static Task WriteAsync(ResultTable table, TableFormat format, Stream output,
        TableWriteOptions? options = null, CancellationToken cancellationToken = default) => format switch
    {
        TableFormat.Json => JsonTableWriter.WriteAsync(table, output, options ?? TableWriteOptions.Default, cancellationToken),
        TableFormat.Csv => CsvTableWriter.WriteAsync(table, output, cancellationToken),
        TableFormat.Parquet => ParquetTableWriter.WriteAsync(table, output, cancellationToken),
        TableFormat.VoTable => VoTableWriter.WriteAsync(table, output, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
