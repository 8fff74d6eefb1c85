using System.Text;
using FinkTom.Query.Adql.Schema;

namespace FinkTom.Server.Vo.Tap;

/// <summary>The VOSI documents of the TAP service: capabilities (with TAPRegExt's TableAccess), availability and the
/// table set (VODataService), written from the same table descriptions as TAP_SCHEMA.</summary>
public static class VosiDocuments
{
    private const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static string Capabilities(string tapUrl, VoOptions options)
    {
        var text = new StringBuilder($"""
            <?xml version="1.0" encoding="utf-8"?>
            <vosi:capabilities xmlns:vosi="http://www.ivoa.net/xml/VOSICapabilities/v1.0" xmlns:xsi="{Xsi}" xmlns:vr="http://www.ivoa.net/xml/VOResource/v1.0" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1" xmlns:tr="http://www.ivoa.net/xml/TAPRegExt/v1.0">
             <capability standardID="ivo://ivoa.net/std/TAP" xsi:type="tr:TableAccess">
              <interface xsi:type="vs:ParamHTTP" role="std" version="1.1">
               <accessURL use="base">{VoXml.Escape(tapUrl)}</accessURL>
              </interface>
              <language>
               <name>ADQL</name>
               <version ivo-id="ivo://ivoa.net/std/ADQL#v2.0">2.0</version>
               <description>ADQL subset: SELECT [TOP n] columns or * FROM one table [WHERE comparisons, AND/OR/NOT, BETWEEN, IN, LIKE, IS NULL, CONTAINS(POINT, CIRCLE) = 1, DISTANCE(...) &lt; r] [ORDER BY ...] [OFFSET n].</description>
               <languageFeatures type="ivo://ivoa.net/std/TAPRegExt#features-adqlgeo">

            """);
        foreach (var form in new[] { "POINT", "CIRCLE", "CONTAINS", "DISTANCE" })
            text.Append($"    <feature><form>{form}</form></feature>\n");
        text.Append("   </languageFeatures>\n  </language>\n");
        foreach (var (_, mime, alias, ivoId) in TapFormats.Announced)
            text.Append(ivoId is null ? "  <outputFormat>" : $"  <outputFormat ivo-id=\"{ivoId}\">")
                .Append($"<mime>{mime}</mime><alias>{alias}</alias></outputFormat>\n");
        var retention = options.JobRetentionHours * 3600;
        text.Append($"""
              <retentionPeriod><default>{retention}</default><hard>{retention}</hard></retentionPeriod>
              <executionDuration><default>{options.AsyncTimeoutSeconds}</default><hard>{options.AsyncTimeoutSeconds}</hard></executionDuration>
              <outputLimit><default unit="row">{options.DefaultMaxRec}</default><hard unit="row">{options.MaxRec}</hard></outputLimit>
             </capability>

            """);
        foreach (var (id, path) in new[] { ("capabilities", "capabilities"), ("availability", "availability"), ("tables", "tables") })
            text.Append($"""
                 <capability standardID="ivo://ivoa.net/std/VOSI#{id}">
                  <interface xsi:type="vs:ParamHTTP" role="std">
                   <accessURL use="full">{VoXml.Escape(tapUrl)}/{path}</accessURL>
                  </interface>
                 </capability>

                """);
        text.Append($"""
             <capability standardID="ivo://ivoa.net/std/DALI#examples">
              <interface xsi:type="vr:WebBrowser">
               <accessURL use="full">{VoXml.Escape(tapUrl)}/examples</accessURL>
              </interface>
             </capability>

            """);
        text.Append("</vosi:capabilities>\n");
        return text.ToString();
    }

    public static string Availability(bool available, string note) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <vosi:availability xmlns:vosi="http://www.ivoa.net/xml/VOSIAvailability/v1.0">
         <vosi:available>{(available ? "true" : "false")}</vosi:available>
         <vosi:note>{VoXml.Escape(note)}</vosi:note>
        </vosi:availability>

        """;

    public static string Tables()
    {
        var text = new StringBuilder($"""
            <?xml version="1.0" encoding="utf-8"?>
            <vosi:tableset xmlns:vosi="http://www.ivoa.net/xml/VOSITables/v1.0" xmlns:vs="http://www.ivoa.net/xml/VODataService/v1.1" xmlns:xsi="{Xsi}">

            """);
        var schemas = TapSchemaTables.Rows(TapSchemaTables.Schemas);
        foreach (var schema in schemas)
        {
            var name = (string)schema[0]!;
            text.Append($" <schema>\n  <name>{VoXml.Escape(name)}</name>\n  <description>{VoXml.Escape((string)schema[2]!)}</description>\n");
            foreach (var table in TapCatalog.DataTables.Concat(TapSchemaTables.All).Where(t => t.Schema == name))
                AppendTable(text, table);
            text.Append(" </schema>\n");
        }
        text.Append("</vosi:tableset>\n");
        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, TapTable table)
    {
        text.Append($"  <table type=\"table\">\n   <name>{VoXml.Escape(table.FullName)}</name>\n   <description>{VoXml.Escape(table.Description)}</description>\n");
        foreach (var column in table.Columns)
        {
            text.Append($"   <column>\n    <name>{VoXml.Escape(column.Name)}</name>\n");
            if (column.Description.Length > 0)
                text.Append($"    <description>{VoXml.Escape(column.Description)}</description>\n");
            if (column.Unit is { } unit)
                text.Append($"    <unit>{VoXml.Escape(unit)}</unit>\n");
            if (column.Ucd is { } ucd)
                text.Append($"    <ucd>{VoXml.Escape(ucd)}</ucd>\n");
            var arraysize = column.Type == Core.Model.ColumnType.String ? " arraysize=\"*\"" : "";
            text.Append($"    <dataType xsi:type=\"vs:VOTableType\"{arraysize}>{column.Datatype}</dataType>\n");
            if (column.Indexed)
                text.Append("    <flag>indexed</flag>\n");
            if (column.Nullable)
                text.Append("    <flag>nullable</flag>\n");
            if (table.Kind == TapTableKind.Metadata)
                text.Append("    <flag>std</flag>\n");
            text.Append("   </column>\n");
        }
        foreach (var key in TapSchemaTables.ForeignKeys.Where(k => k.From == table))
            text.Append($"   <foreignKey>\n    <targetTable>{key.Target.FullName}</targetTable>\n    <fkColumn><fromColumn>{key.FromColumn}</fromColumn><targetColumn>{key.TargetColumn}</targetColumn></fkColumn>\n    <description>{VoXml.Escape(key.Description)}</description>\n   </foreignKey>\n");
        text.Append("  </table>\n");
    }
}
