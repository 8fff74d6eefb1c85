using System.Text;
using FinkTom.Core.Model;

namespace FinkTom.Server.Formats;

/// <summary>
/// VOTable 1.4 output, <c>TABLEDATA</c> serialisation, shaped as astropy's <c>votable.from_table</c> writes Fink's
/// tables (contract §1.3): one <c>RESOURCE type="results"</c> holding one <c>TABLE</c>. Each <c>FIELD</c> has
/// <c>name</c> = the Fink column name (<c>i:ra</c>) and <c>ID</c> = that name made a valid XML ID the way astropy
/// does (<c>i_ra</c>; see <see cref="XmlId"/>); astropy and pyvo name the columns after the ID, which is why Fink's
/// clients read <c>i_ra</c>. Datatypes: int, long, float, double, boolean (<c>T</c>/<c>F</c>), and
/// <c>unicodeChar</c> with <c>arraysize="*"</c> for strings and for array columns (their JSON text), as astropy
/// does for text and for columns of Python objects. Null and NaN cells are empty (<c>&lt;TD/&gt;</c>), which
/// VOTable 1.3+ reads as null; infinities are <c>+Inf</c>/<c>-Inf</c>.
/// </summary>
public static class VoTableWriter
{
    private const string Header = """
        <?xml version="1.0" encoding="utf-8"?>
        <VOTABLE version="1.4" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://www.ivoa.net/xml/VOTable/v1.3" xsi:schemaLocation="http://www.ivoa.net/xml/VOTable/v1.3 http://www.ivoa.net/xml/VOTable/VOTable-1.4.xsd">
         <RESOURCE type="results">
          <TABLE>

        """;

    private const string Footer = """
            </TABLEDATA>
           </DATA>
          </TABLE>
         </RESOURCE>
        </VOTABLE>

        """;

    public static Task WriteAsync(ResultTable table, Stream output, CancellationToken cancellationToken = default) =>
        WriteAsync(table, output, VoTableInfos.None, cancellationToken);

    /// <summary>As <see cref="WriteAsync(ResultTable, Stream, CancellationToken)"/>, with INFO elements before the table
    /// (TAP's <c>QUERY_STATUS</c> OK) and after its data (<c>QUERY_STATUS</c> OVERFLOW), which a lazy row source may decide
    /// while it is being written.</summary>
    public static async Task WriteAsync(ResultTable table, Stream output, VoTableInfos infos, CancellationToken cancellationToken = default)
    {
        var columns = table.Columns;
        await using var writer = new ChunkedTextWriter(output);
        var text = writer.Text;

        text.Append(Header[..Header.IndexOf("  <TABLE>", StringComparison.Ordinal)]);
        AppendInfos(text, infos.Before);
        text.Append("  <TABLE>\n");
        var ids = UniqueXmlIds(columns);
        for (var i = 0; i < columns.Count; i++)
        {
            AppendField(text, columns[i], ids[i]);
        }
        text.Append("   <DATA>\n    <TABLEDATA>\n");

        foreach (var row in table.CheckedRows())
        {
            text.Append("     <TR>\n");
            for (var i = 0; i < columns.Count; i++)
            {
                AppendCell(text, row[i], columns[i]);
            }
            text.Append("     </TR>\n");
            await writer.FlushIfFullAsync(cancellationToken);
        }

        text.Append(Footer[..Footer.IndexOf(" </RESOURCE>", StringComparison.Ordinal)]);
        AppendInfos(text, infos.After());
        text.Append(" </RESOURCE>\n</VOTABLE>\n");
        await writer.FlushAsync(cancellationToken);
    }

    private static void AppendInfos(StringBuilder text, IEnumerable<(string Name, string Value, string? Content)> infos)
    {
        foreach (var (name, value, content) in infos)
        {
            text.Append("  <INFO name=\"");
            XmlText.AppendAttribute(text, name);
            text.Append("\" value=\"");
            XmlText.AppendAttribute(text, value);
            text.Append('"');
            if (content is null)
            {
                text.Append("/>\n");
                continue;
            }
            text.Append('>');
            XmlText.AppendContent(text, content);
            text.Append("</INFO>\n");
        }
    }

    /// <summary>
    /// A valid XML ID made from a column name as astropy's <c>fix_id</c> does: characters other than
    /// <c>[A-Za-z0-9_.-]</c> become <c>_</c>, and a name not starting with a letter or <c>_</c> gets a <c>_</c> prefix.
    /// <c>i:ra</c> → <c>i_ra</c>, <c>v:sigma(rate)</c> → <c>v_sigma_rate_</c>, <c>v:g-r</c> → <c>v_g-r</c>.
    /// </summary>
    public static string XmlId(string name)
    {
        if (name.Length == 0)
        {
            return "_";
        }
        var id = new StringBuilder(name.Length + 1);
        if (!IsIdStart(name[0]))
        {
            id.Append('_');
        }
        foreach (var ch in name)
        {
            id.Append(IsIdStart(ch) || char.IsAsciiDigit(ch) || ch is '.' or '-' ? ch : '_');
        }
        return id.ToString();
    }

    private static bool IsIdStart(char ch) => char.IsAsciiLetter(ch) || ch == '_';

    // XML IDs must be unique in a document; two names mapping to one ID (rare: `a:b` and `a_b`) get a suffix.
    private static string[] UniqueXmlIds(IReadOnlyList<TableColumn> columns)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new string[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            var id = XmlId(columns[i].Name);
            for (var n = 2; !seen.Add(id); n++)
            {
                id = $"{XmlId(columns[i].Name)}_{n}";
            }
            ids[i] = id;
        }
        return ids;
    }

    private static void AppendField(StringBuilder text, TableColumn column, string id)
    {
        text.Append("   <FIELD ID=\"");
        XmlText.AppendAttribute(text, id);
        text.Append('"');
        var datatype = Datatype(column);
        if (datatype == "unicodeChar")
        {
            text.Append(" arraysize=\"*\"");
        }
        text.Append(" datatype=\"").Append(datatype).Append("\" name=\"");
        XmlText.AppendAttribute(text, column.Name);
        text.Append('"');
        foreach (var (attribute, value) in new[] { ("ucd", column.Ucd), ("unit", column.Unit) })
        {
            if (value is null)
                continue;
            text.Append(' ').Append(attribute).Append("=\"");
            XmlText.AppendAttribute(text, value);
            text.Append('"');
        }
        if (column.Description is not { Length: > 0 } description)
        {
            text.Append("/>\n");
            return;
        }
        text.Append(">\n    <DESCRIPTION>");
        XmlText.AppendContent(text, description);
        text.Append("</DESCRIPTION>\n   </FIELD>\n");
    }

    private static string Datatype(TableColumn column) => column.IsArray
        ? "unicodeChar"
        : column.Type switch
        {
            ColumnType.Int => "int",
            ColumnType.Long => "long",
            ColumnType.Float => "float",
            ColumnType.Double => "double",
            ColumnType.Bool => "boolean",
            ColumnType.String => "unicodeChar",
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type."),
        };

    private static void AppendCell(StringBuilder text, object? cell, TableColumn column)
    {
        var value = CellText(cell, column);
        if (value is null)
        {
            text.Append("      <TD/>\n");
            return;
        }
        text.Append("      <TD>");
        XmlText.AppendContent(text, value);
        text.Append("</TD>\n");
    }

    private static string? CellText(object? cell, TableColumn column)
    {
        if (cell is null)
        {
            return null;
        }
        if (column.IsArray)
        {
            return NumberText.ArrayAsJson(Cells.Array(cell, column)!);
        }
        return column.Type switch
        {
            ColumnType.Int => NumberText.Format(Cells.Int(cell, column)!.Value),
            ColumnType.Long => NumberText.Format(Cells.Long(cell, column)!.Value),
            ColumnType.Float => FloatingText(Cells.Float(cell, column)!.Value, v => NumberText.Format((float)v)),
            ColumnType.Double => FloatingText(Cells.Double(cell, column)!.Value, NumberText.Format),
            ColumnType.String => Cells.String(cell, column),
            ColumnType.Bool => Cells.Bool(cell, column)!.Value ? "T" : "F",
            _ => throw new ArgumentOutOfRangeException(nameof(column), column.Type, "Unknown column type."),
        };
    }

    // VOTable spells the special values NaN, +Inf, -Inf; NaN is written as an empty (null) cell, as astropy
    // writes pandas' NaN (masked on the way in).
    private static string? FloatingText(double value, Func<double, string> format) =>
        double.IsNaN(value) ? null
        : double.IsPositiveInfinity(value) ? "+Inf"
        : double.IsNegativeInfinity(value) ? "-Inf"
        : format(value);
}

/// <summary>INFO elements of a VOTable answer: <see cref="Before"/> the table, and <see cref="After"/> its data, asked
/// for once the rows have been written (a TAP overflow is known only then).</summary>
public sealed record VoTableInfos(IReadOnlyList<(string Name, string Value, string? Content)> Before,
    Func<IEnumerable<(string Name, string Value, string? Content)>> After)
{
    public static VoTableInfos None { get; } = new([], () => []);
}
