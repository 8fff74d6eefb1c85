using FinkTom.Server.Formats;

namespace FinkTom.Tests.Formats;

public class TableFormatTests
{
    [Theory]
    [InlineData(null, TableFormat.Json)]
    [InlineData("json", TableFormat.Json)]
    [InlineData("csv", TableFormat.Csv)]
    [InlineData("parquet", TableFormat.Parquet)]
    [InlineData("votable", TableFormat.VoTable)]
    public void Parses_finks_names(string? value, TableFormat expected)
    {
        var result = TableFormats.Parse(value);
        Assert.True(result.IsOk);
        Assert.Equal(expected, result.Value);
    }

    [Theory]
    [InlineData("JSON")]
    [InlineData("xml")]
    [InlineData("")]
    public void Refuses_other_names_with_finks_message(string value)
    {
        var result = TableFormats.Parse(value);
        Assert.False(result.IsOk);
        Assert.Equal("output-format", result.Error!.Parameter);
        Assert.Equal($"Output format `{value}` is not supported. Choose among json, csv, votable, or parquet", result.Error.Text);
    }

    [Theory]
    [InlineData(TableFormat.Json, "application/json")]
    [InlineData(TableFormat.Csv, "application/csv")]
    [InlineData(TableFormat.VoTable, "text/xml")]
    [InlineData(TableFormat.Parquet, "application/vnd.apache.parquet")]
    public void Content_types(TableFormat format, string contentType)
    {
        Assert.Equal(contentType, format.ContentType());
        Assert.Equal(format, TableFormats.Parse(format.Name()).Value);
    }
}
