using FinkTom.Core.Model;

namespace FinkTom.Server.Formats;

/// <summary>
/// One column of a <see cref="ResultTable"/>.
/// </summary>
/// <param name="Name">Fink column name, written as is (e.g. <c>i:jd</c>); VOTable derives its XML ID from it.</param>
/// <param name="Type">Value type of the cells. For an array column, the element type (<see cref="ColumnType.Float"/>).</param>
/// <param name="IsArray">A 2-D float array column such as <c>b:cutoutScience_stampData</c>: cells are <c>float[][]</c> (rows of floats).</param>
public sealed record TableColumn(string Name, ColumnType Type, bool IsArray = false)
{
    /// <summary>VOTable only: the FIELD's unit (VOUnit), UCD and DESCRIPTION, when known (TAP answers carry them).</summary>
    public string? Unit { get; init; }
    public string? Ucd { get; init; }
    public string? Description { get; init; }

    /// <summary>The table column for a catalogue column.</summary>
    public static TableColumn For(ColumnDef column) => new(column.Name, column.Type);
}

/// <summary>
/// A tabular endpoint answer (contract §1.3): ordered columns and rows of cells. A row is an <c>object?[]</c>
/// with one cell per column, typed per column: <see cref="int"/> (Int), <see cref="long"/> (Long, an
/// <see cref="int"/> is accepted too), <see cref="float"/> (Float), <see cref="double"/> (Double, a
/// <see cref="float"/> is accepted too), <see cref="string"/>, <see cref="bool"/>, <c>float[][]</c> for array
/// columns, or null.
/// </summary>
/// <remarks>
/// Rows are enumerated once, in order, by the streaming writers (JSON, CSV, VOTable), so they may be produced
/// lazily. The Parquet writer, being columnar, needs them all: it keeps the row references (not copies) in a list.
/// </remarks>
public sealed class ResultTable
{
    public ResultTable(IReadOnlyList<TableColumn> columns, IEnumerable<object?[]> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        Columns = columns;
        Rows = rows;
    }

    public IReadOnlyList<TableColumn> Columns { get; }

    public IEnumerable<object?[]> Rows { get; }

    /// <summary>A table without rows; Fink answers "no data" with an empty table, not an error (contract §1.2).</summary>
    public static ResultTable Empty(IReadOnlyList<TableColumn> columns) => new(columns, []);

    /// <summary>Rows checked to have one cell per column; writers enumerate this instead of <see cref="Rows"/>.</summary>
    internal IEnumerable<object?[]> CheckedRows()
    {
        var index = 0;
        foreach (var row in Rows)
        {
            if (row.Length != Columns.Count)
            {
                throw new InvalidOperationException(
                    $"Row {index} has {row.Length} cells but the table has {Columns.Count} columns.");
            }
            index++;
            yield return row;
        }
    }
}
