using FinkTom.Core.Model;
using Parquet;
using Parquet.Schema;

namespace FinkTom.Server.Formats;

/// <summary>
/// Parquet output (contract §1.3, pandas <c>to_parquet()</c>): one nullable column per table column, named as is
/// (<c>i:jd</c>), physical types int32, int64, float, double, UTF-8 string and boolean; array columns as JSON text
/// strings. NaN is written as null, as pyarrow does when it converts a pandas frame. One row group.
/// </summary>
/// <remarks>
/// Parquet is columnar and its writer seeks, so the file is built column by column (one typed buffer alive at a
/// time, the rows themselves are not copied) in a memory buffer, then copied to the output asynchronously.
/// </remarks>
public static class ParquetTableWriter
{
    public static async Task WriteAsync(ResultTable table, Stream output, CancellationToken cancellationToken = default)
    {
        var rows = table.CheckedRows().ToList();
        var fields = table.Columns.Select(Field).ToArray();

        using var file = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file, cancellationToken: cancellationToken))
        {
            using var group = writer.CreateRowGroup();
            for (var i = 0; i < fields.Length; i++)
            {
                await WriteColumnAsync(group, fields[i], table.Columns[i], i, rows, cancellationToken);
            }
            group.CompleteValidate();
        }

        file.Position = 0;
        await file.CopyToAsync(output, cancellationToken);
    }

    private static DataField Field(TableColumn column) => column.IsArray
        ? new DataField<string>(column.Name, nullable: true)
        : column.Type switch
        {
            ColumnType.Int => new DataField<int?>(column.Name),
            ColumnType.Long => new DataField<long?>(column.Name),
            ColumnType.Float => new DataField<float?>(column.Name),
            ColumnType.Double => new DataField<double?>(column.Name),
            ColumnType.Bool => new DataField<bool?>(column.Name),
            ColumnType.String => new DataField<string>(column.Name, nullable: true),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type."),
        };

    private static Task WriteColumnAsync(ParquetRowGroupWriter group, DataField field, TableColumn column, int index,
        List<object?[]> rows, CancellationToken cancellationToken)
    {
        if (column.IsArray)
        {
            return group.WriteAsync(field, Column(rows, r => Cells.Array(r[index], column) is { } a ? NumberText.ArrayAsJson(a) : null));
        }
        return column.Type switch
        {
            ColumnType.Int => WriteAsync(group, field, Column(rows, r => Cells.Int(r[index], column)), cancellationToken),
            ColumnType.Long => WriteAsync(group, field, Column(rows, r => Cells.Long(r[index], column)), cancellationToken),
            ColumnType.Float => WriteAsync(group, field,
                Column(rows, r => Cells.Float(r[index], column) is { } f && !float.IsNaN(f) ? f : (float?)null), cancellationToken),
            ColumnType.Double => WriteAsync(group, field,
                Column(rows, r => Cells.Double(r[index], column) is { } d && !double.IsNaN(d) ? d : (double?)null), cancellationToken),
            ColumnType.Bool => WriteAsync(group, field, Column(rows, r => Cells.Bool(r[index], column)), cancellationToken),
            ColumnType.String => group.WriteAsync(field, Column(rows, r => Cells.String(r[index], column))),
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type."),
        };
    }

    private static T[] Column<T>(List<object?[]> rows, Func<object?[], T> cell)
    {
        var values = new T[rows.Count];
        for (var r = 0; r < values.Length; r++)
        {
            values[r] = cell(rows[r]);
        }
        return values;
    }

    private static async Task WriteAsync<T>(ParquetRowGroupWriter group, DataField field, T?[] values,
        CancellationToken cancellationToken) where T : struct =>
        await group.WriteAsync<T>(field, values, cancellationToken: cancellationToken);
}
