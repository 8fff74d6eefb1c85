using FinkTom.Core.Model;

namespace FinkTom.Tests.CoreModel;

public class ColumnDocsTests
{
    [Fact]
    public void EveryStoredColumnHasADoc()
    {
        var missing = ColumnCatalog.Stored.Where(c => string.IsNullOrWhiteSpace(ColumnDocs.For(c.Name))).Select(c => c.Name).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void NoTwoZtfColumnsShareADescription()
    {
        var duplicates = ColumnCatalog.ZtfColumns
            .GroupBy(c => ColumnDocs.For(c.Name), StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => string.Join(", ", g.Select(c => c.Name)))
            .ToList();
        Assert.Empty(duplicates);
    }

    [Theory]
    [InlineData("v:classification")]
    [InlineData("v:constellation")]
    [InlineData("v:firstdate")]
    [InlineData("v:g-r")]
    [InlineData("v:lapse")]
    [InlineData("v:lastdate")]
    [InlineData("v:rate")]
    [InlineData("v:rate(g-r)")]
    [InlineData("v:sigma(g-r)")]
    [InlineData("v:sigma(rate)")]
    [InlineData("v:sigma(rate(g-r))")]
    [InlineData("v:separation_degree")]
    [InlineData("d:tag")]
    [InlineData("b:cutoutScience_stampData")]
    [InlineData("b:cutoutTemplate_stampData")]
    [InlineData("b:cutoutDifference_stampData")]
    public void QueryTimeAndCutoutColumnsHaveADoc(string name) => Assert.NotEqual("", ColumnDocs.For(name));

    [Fact]
    public void UnknownNameGivesEmptyString()
    {
        Assert.Equal("", ColumnDocs.For("i:nosuchfield"));
        Assert.Equal("", ColumnDocs.For("I:MAGPSF"));
    }
}
