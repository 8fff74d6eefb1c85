using System.Xml.Linq;
using FinkTom.Core.Model;
using FinkTom.Server.Formats;

namespace FinkTom.Tests.Formats;

public class VoTableWriterTests
{
    private static readonly XNamespace Vo = "http://www.ivoa.net/xml/VOTable/v1.3";

    private static async Task<XDocument> Write(ResultTable table)
    {
        var output = new AsyncOnlyStream();
        await TableWriter.WriteAsync(table, TableFormat.VoTable, output);
        return XDocument.Load(new MemoryStream(output.ToArray()));
    }

    [Fact]
    public async Task Is_a_votable_1_4_with_one_table_in_a_results_resource()
    {
        var doc = await Write(SampleTable.Table());

        Assert.Equal(Vo + "VOTABLE", doc.Root!.Name);
        Assert.Equal("1.4", doc.Root.Attribute("version")!.Value);
        var resource = Assert.Single(doc.Root.Elements(Vo + "RESOURCE"));
        Assert.Equal("results", resource.Attribute("type")!.Value);
        Assert.Single(resource.Elements(Vo + "TABLE"));
    }

    [Fact]
    public async Task Fields_carry_astropy_ids_the_fink_names_and_votable_datatypes()
    {
        var doc = await Write(SampleTable.Table());
        var fields = doc.Descendants(Vo + "FIELD").ToList();

        Assert.Equal(
            ["i_objectId", "i_candid", "i_fid", "i_magpsf", "i_jd", "d_from_upper", "d_note", "v_sigma_rate_", "b_cutoutScience_stampData"],
            fields.Select(f => f.Attribute("ID")!.Value));
        Assert.Equal(SampleTable.Columns.Select(c => c.Name), fields.Select(f => f.Attribute("name")!.Value));
        Assert.Equal(
            ["unicodeChar", "long", "int", "float", "double", "boolean", "unicodeChar", "double", "unicodeChar"],
            fields.Select(f => f.Attribute("datatype")!.Value));
        Assert.Equal(
            ["*", null, null, null, null, null, "*", null, "*"],
            fields.Select(f => f.Attribute("arraysize")?.Value));
    }

    [Fact]
    public async Task Cells_read_back_with_nulls_and_nan_empty()
    {
        var doc = await Write(SampleTable.Table());
        var rows = doc.Descendants(Vo + "TR").Select(tr => tr.Elements(Vo + "TD").Select(td => td.Value).ToList()).ToList();

        Assert.Equal(3, rows.Count);
        Assert.Equal(
            ["ZTF19acihgng", "3297294755815010006", "1", "19.3456", "2458803.693287", "T", SampleTable.Awkward, "0.1", "[[1.5,null],[2,-3.25]]"],
            rows[0]);
        Assert.All(rows[1], cell => Assert.Equal("", cell));
        Assert.Equal(["ZTF19acxxwrs", "42", "-7", "", "", "F", "", "-1.5E-07", ""], rows[2]);
    }

    [Theory]
    [InlineData("i:ra", "i_ra")]
    [InlineData("d:anomaly_score", "d_anomaly_score")]
    [InlineData("v:g-r", "v_g-r")]
    [InlineData("v:sigma(rate(g-r))", "v_sigma_rate_g-r__")]
    [InlineData("1st", "_1st")]
    [InlineData("sso_name", "sso_name")]
    public void Xml_ids_follow_astropy(string name, string id)
    {
        Assert.Equal(id, VoTableWriter.XmlId(name));
    }

    [Fact]
    public async Task Characters_xml_cannot_carry_are_replaced_not_fatal()
    {
        var doc = await Write(new ResultTable([new("s", ColumnType.String)], [["bell\u0007 and \"quote\""]]));
        Assert.Equal("bell\uFFFD and \"quote\"", doc.Descendants(Vo + "TD").Single().Value);
    }

    [Fact]
    public async Task Colliding_ids_are_made_unique()
    {
        var doc = await Write(ResultTable.Empty([new("a:b", ColumnType.Int), new("a_b", ColumnType.Int)]));
        Assert.Equal(["a_b", "a_b_2"], doc.Descendants(Vo + "FIELD").Select(f => f.Attribute("ID")!.Value));
    }
}
