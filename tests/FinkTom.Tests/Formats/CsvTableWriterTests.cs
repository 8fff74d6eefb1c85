using System.Text;
using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Server.Formats;

namespace FinkTom.Tests.Formats;

public class CsvTableWriterTests
{
    private static async Task<string> Write(ResultTable table)
    {
        var output = new AsyncOnlyStream();
        await TableWriter.WriteAsync(table, TableFormat.Csv, output);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task Round_trips_through_an_rfc4180_reader()
    {
        var records = Rfc4180Reader.Read(await Write(SampleTable.Table()));

        Assert.Equal(4, records.Count);
        Assert.Equal(SampleTable.Columns.Select(c => c.Name), records[0]);
        Assert.All(records, r => Assert.Equal(SampleTable.Columns.Length, r.Count));

        var first = records[1];
        Assert.Equal(
            ["ZTF19acihgng", "3297294755815010006", "1", "19.3456", "2458803.693287", "True", SampleTable.Awkward, "0.1"],
            first.Take(8));
        Assert.Equal("[[1.5,null],[2,-3.25]]", first[8]);
        Assert.Equal(2, JsonDocument.Parse(first[8]!).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task Null_and_nan_are_empty_fields_and_an_empty_string_is_quoted()
    {
        var records = Rfc4180Reader.Read(await Write(SampleTable.Table()));

        Assert.All(records[2], Assert.Null);
        var third = records[3];
        Assert.Equal("42", third[1]);
        Assert.Equal("-7", third[2]);
        Assert.Null(third[3]); // NaN float
        Assert.Null(third[4]); // NaN double
        Assert.Equal("False", third[5]);
        Assert.Equal("", third[6]);
        Assert.Equal("-1.5E-07", third[7]);
        Assert.Null(third[8]);
    }

    [Fact]
    public async Task Quotes_only_fields_that_need_it_and_ends_lines_with_lf()
    {
        var text = await Write(SampleTable.Table());

        Assert.StartsWith("i:objectId,i:candid,i:fid,i:magpsf,i:jd,d:from_upper,d:note,v:sigma(rate),b:cutoutScience_stampData\n", text);
        Assert.Contains("\"comma, \"\"quotes\"\"\r\nnew line <tag> & ampersand é\"", text);
        Assert.Contains("\n,,,,,,,,\n", text);
        Assert.EndsWith("\n", text);
    }

    [Fact]
    public async Task Infinities_are_spelt_as_pandas_does()
    {
        var table = new ResultTable([new("x", ColumnType.Double), new("y", ColumnType.Float)],
            [[double.PositiveInfinity, float.NegativeInfinity]]);
        Assert.Equal("x,y\ninf,-inf\n", await Write(table));
    }

    [Fact]
    public async Task Streams_many_rows()
    {
        var rows = Enumerable.Range(0, 5000).Select(i => new object?[] { (long)i, $"name {i}" });
        var table = new ResultTable([new("i:candid", ColumnType.Long), new("i:objectId", ColumnType.String)], rows);

        var records = Rfc4180Reader.Read(await Write(table));

        Assert.Equal(5001, records.Count);
        Assert.Equal(["4999", "name 4999"], records[^1]);
    }
}
