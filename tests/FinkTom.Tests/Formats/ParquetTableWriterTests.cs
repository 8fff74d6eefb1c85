using FinkTom.Core.Model;
using FinkTom.Server.Formats;
using Parquet;
using Parquet.Meta;
using Parquet.Schema;
using Type = Parquet.Meta.Type;

namespace FinkTom.Tests.Formats;

public class ParquetTableWriterTests
{
    private static async Task<ParquetReader> Write(ResultTable table)
    {
        var output = new AsyncOnlyStream();
        await TableWriter.WriteAsync(table, TableFormat.Parquet, output);
        return await ParquetReader.CreateAsync(new MemoryStream(output.ToArray()));
    }

    private static async Task<T?[]> ReadColumn<T>(ParquetRowGroupReader group, DataField field) where T : struct
    {
        var values = new T?[group.RowCount];
        await group.ReadAsync<T>(field, values.AsMemory());
        return values;
    }

    private static async Task<string?[]> ReadStrings(ParquetRowGroupReader group, DataField field)
    {
        var values = new string?[group.RowCount];
        await group.ReadAsync(field, values.AsMemory());
        return values;
    }

    private static void AssertStrings(string?[] expected, string?[] actual) =>
        Assert.Equal<IEnumerable<string?>>(expected, actual);

    [Fact]
    public async Task Keeps_column_names_and_writes_nullable_physical_types()
    {
        await using var reader = await Write(SampleTable.Table());
        // The file's own schema: the root element, then one element per column.
        var columns = reader.Metadata!.Schema.Skip(1).ToList();

        Assert.Equal(SampleTable.Columns.Select(c => c.Name), columns.Select(c => c.Name));
        Assert.Equal(
            [Type.BYTE_ARRAY, Type.INT64, Type.INT32, Type.FLOAT, Type.DOUBLE, Type.BOOLEAN, Type.BYTE_ARRAY, Type.DOUBLE, Type.BYTE_ARRAY],
            columns.Select(c => c.Type!.Value));
        Assert.All(columns, c => Assert.Equal(FieldRepetitionType.OPTIONAL, c.RepetitionType));
        // Text columns are marked UTF-8 strings, so pyarrow and pandas read them as str, not bytes.
        Assert.All(columns.Where(c => c.Type == Type.BYTE_ARRAY), c => Assert.NotNull(c.LogicalType?.STRING));
    }

    [Fact]
    public async Task Round_trips_values_nulls_and_nan_as_null()
    {
        await using var reader = await Write(SampleTable.Table());
        var fields = reader.Schema.GetDataFields();
        Assert.Equal(1, reader.RowGroupCount);
        using var group = reader.OpenRowGroupReader(0);
        Assert.Equal(3, group.RowCount);

        AssertStrings(["ZTF19acihgng", null, "ZTF19acxxwrs"], await ReadStrings(group, fields[0]));
        Assert.Equal([SampleTable.BigCandid, null, 42L], await ReadColumn<long>(group, fields[1]));
        Assert.Equal([1, null, -7], await ReadColumn<int>(group, fields[2]));
        Assert.Equal([19.3456f, null, null], await ReadColumn<float>(group, fields[3]));
        Assert.Equal([2458803.6932870d, null, null], await ReadColumn<double>(group, fields[4]));
        Assert.Equal([true, null, false], await ReadColumn<bool>(group, fields[5]));
        AssertStrings([SampleTable.Awkward, null, ""], await ReadStrings(group, fields[6]));
        Assert.Equal([0.1d, null, -1.5e-7d], await ReadColumn<double>(group, fields[7]));
        AssertStrings(["[[1.5,null],[2,-3.25]]", null, null], await ReadStrings(group, fields[8]));
    }

    [Fact]
    public async Task An_empty_table_has_the_columns_and_no_rows()
    {
        await using var reader = await Write(ResultTable.Empty([new("i:jd", ColumnType.Double)]));
        Assert.Equal("i:jd", Assert.Single(reader.Schema.GetDataFields()).Name);
        Assert.Equal(0, reader.RowGroups.Sum(g => g.RowCount));
    }
}
