using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Server.Formats;

namespace FinkTom.Tests.Formats;

public class JsonTableWriterTests
{
    private static async Task<(string Text, JsonElement Root)> Write(ResultTable table, bool ieee754 = false)
    {
        var output = new AsyncOnlyStream();
        await TableWriter.WriteAsync(table, TableFormat.Json, output, new TableWriteOptions(ieee754));
        var text = System.Text.Encoding.UTF8.GetString(output.ToArray());
        return (text, JsonDocument.Parse(text).RootElement.Clone());
    }

    [Fact]
    public async Task Writes_an_array_of_records_with_keys_in_column_order()
    {
        var (_, root) = await Write(SampleTable.Table());

        Assert.Equal(JsonValueKind.Array, root.ValueKind);
        Assert.Equal(3, root.GetArrayLength());
        foreach (var record in root.EnumerateArray())
        {
            Assert.Equal(SampleTable.Columns.Select(c => c.Name), record.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task Writes_each_type_as_its_json_value()
    {
        var (_, root) = await Write(SampleTable.Table());
        var first = root[0];

        Assert.Equal("ZTF19acihgng", first.GetProperty("i:objectId").GetString());
        Assert.Equal(SampleTable.BigCandid, first.GetProperty("i:candid").GetInt64());
        Assert.Equal("3297294755815010006", first.GetProperty("i:candid").GetRawText());
        Assert.Equal(1, first.GetProperty("i:fid").GetInt32());
        // The float's own shortest text, not its widening to double (19.345600128173828).
        Assert.Equal("19.3456", first.GetProperty("i:magpsf").GetRawText());
        Assert.Equal(2458803.693287, first.GetProperty("i:jd").GetDouble());
        Assert.Equal(JsonValueKind.True, first.GetProperty("d:from_upper").ValueKind);
        Assert.Equal(SampleTable.Awkward, first.GetProperty("d:note").GetString());
        Assert.Equal("[[1.5,null],[2,-3.25]]", first.GetProperty("b:cutoutScience_stampData").GetRawText());
    }

    [Fact]
    public async Task Writes_null_and_nan_as_null()
    {
        var (_, root) = await Write(SampleTable.Table());

        Assert.All(root[1].EnumerateObject(), p => Assert.Equal(JsonValueKind.Null, p.Value.ValueKind));
        Assert.Equal(JsonValueKind.Null, root[2].GetProperty("i:magpsf").ValueKind);
        Assert.Equal(JsonValueKind.Null, root[2].GetProperty("i:jd").ValueKind);
        Assert.Equal(42, root[2].GetProperty("i:candid").GetInt64());
        Assert.Equal("", root[2].GetProperty("d:note").GetString());
        Assert.Equal(-1.5e-7, root[2].GetProperty("v:sigma(rate)").GetDouble());
    }

    [Fact]
    public async Task Ieee754_compatible_writes_only_the_longs_as_strings()
    {
        var (_, plain) = await Write(SampleTable.Table());
        var (_, compatible) = await Write(SampleTable.Table(), ieee754: true);

        Assert.Equal("3297294755815010006", compatible[0].GetProperty("i:candid").GetString());
        Assert.Equal("42", compatible[2].GetProperty("i:candid").GetString());
        Assert.Equal(JsonValueKind.Null, compatible[1].GetProperty("i:candid").ValueKind);
        for (var row = 0; row < 3; row++)
        {
            foreach (var column in SampleTable.Columns.Where(c => c.Type != ColumnType.Long))
            {
                Assert.Equal(plain[row].GetProperty(column.Name).GetRawText(), compatible[row].GetProperty(column.Name).GetRawText());
            }
        }
    }

    [Fact]
    public async Task An_empty_table_is_an_empty_array()
    {
        var (text, _) = await Write(ResultTable.Empty(SampleTable.Columns));
        Assert.Equal("[]", text);
    }

    [Fact]
    public async Task Infinities_are_null_because_json_has_no_such_number()
    {
        var table = new ResultTable([new("x", ColumnType.Double), new("y", ColumnType.Float)],
            [[double.PositiveInfinity, float.NegativeInfinity]]);
        var (text, _) = await Write(table);
        Assert.Equal("""[{"x":null,"y":null}]""", text);
    }

    [Fact]
    public async Task A_cell_of_the_wrong_type_names_its_column()
    {
        var table = new ResultTable([new("i:fid", ColumnType.Int)], [["one"]]);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Write(table));
        Assert.Contains("i:fid", error.Message);
    }

    [Fact]
    public async Task A_row_of_the_wrong_length_is_refused()
    {
        var table = new ResultTable([new("i:fid", ColumnType.Int)], [[1, 2]]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Write(table));
    }

    [Theory]
    [InlineData("application/json;IEEE754Compatible=true", true)]
    [InlineData("application/json; ieee754compatible=TRUE, text/plain", true)]
    [InlineData("text/csv, application/json;odata.metadata=minimal;IEEE754Compatible=true", true)]
    [InlineData("application/json", false)]
    [InlineData("application/json;IEEE754Compatible=false", false)]
    [InlineData(null, false)]
    public void Ieee754_compatibility_is_read_from_the_accept_header(string? accept, bool expected)
    {
        Assert.Equal(expected, TableWriteOptions.FromAcceptHeader(accept).Ieee754Compatible);
    }
}
