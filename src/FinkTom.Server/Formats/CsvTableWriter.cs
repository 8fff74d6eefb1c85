using System.Text;
using FinkTom.Core.Model;

namespace FinkTom.Server.Formats;

/// <summary>
/// CSV output (contract §1.3, pandas <c>to_csv(index=False)</c>): a header line of column names, then one line
/// per row, comma separated, lines ending with <c>\n</c> as Fink's server writes them. Fields are quoted as
/// RFC 4180 says (when they hold a comma, a double quote, CR or LF; quotes doubled). A null is an empty field
/// and an empty string is <c>""</c>, so the two stay distinct. Numbers as in JSON (<see cref="NumberText"/>),
/// NaN as an empty field and infinities as <c>inf</c>/<c>-inf</c>, booleans <c>True</c>/<c>False</c> (pandas'
/// spelling; pandas and most CSV readers parse it), arrays as their JSON text.
/// </summary>
public static class CsvTableWriter
{
    public static async Task WriteAsync(ResultTable table, Stream output, CancellationToken cancellationToken = default)
    {
        var columns = table.Columns;
        await using var writer = new ChunkedTextWriter(output);
        var text = writer.Text;

        for (var i = 0; i < columns.Count; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }
            AppendField(text, columns[i].Name);
        }
        text.Append('\n');

        foreach (var row in table.CheckedRows())
        {
            for (var i = 0; i < columns.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }
                AppendCell(text, row[i], columns[i]);
            }
            text.Append('\n');
            await writer.FlushIfFullAsync(cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    private static void AppendCell(StringBuilder text, object? cell, TableColumn column)
    {
        if (cell is null)
        {
            return;
        }
        if (column.IsArray)
        {
            AppendField(text, NumberText.ArrayAsJson(Cells.Array(cell, column)!));
            return;
        }
        switch (column.Type)
        {
            case ColumnType.Int:
                text.Append(NumberText.Format(Cells.Int(cell, column)!.Value));
                break;
            case ColumnType.Long:
                text.Append(NumberText.Format(Cells.Long(cell, column)!.Value));
                break;
            case ColumnType.Float:
                var f = Cells.Float(cell, column)!.Value;
                if (!float.IsNaN(f))
                {
                    text.Append(float.IsFinite(f) ? NumberText.Format(f) : Infinity(f));
                }
                break;
            case ColumnType.Double:
                var d = Cells.Double(cell, column)!.Value;
                if (!double.IsNaN(d))
                {
                    text.Append(double.IsFinite(d) ? NumberText.Format(d) : Infinity(d));
                }
                break;
            case ColumnType.String:
                var s = Cells.String(cell, column)!;
                if (s.Length == 0)
                {
                    text.Append("\"\"");
                }
                else
                {
                    AppendField(text, s);
                }
                break;
            case ColumnType.Bool:
                text.Append(Cells.Bool(cell, column)!.Value ? "True" : "False");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type.");
        }
    }

    // NaN is an empty field (pandas na_rep=""); infinities are spelt as pandas does (.NET would write "Infinity").
    private static string Infinity(double value) => value > 0 ? "inf" : "-inf";

    /// <summary>Appends a field, quoted when RFC 4180 requires it.</summary>
    private static void AppendField(StringBuilder text, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(value);
            return;
        }
        text.Append('"');
        foreach (var ch in value)
        {
            if (ch == '"')
            {
                text.Append('"');
            }
            text.Append(ch);
        }
        text.Append('"');
    }
}
