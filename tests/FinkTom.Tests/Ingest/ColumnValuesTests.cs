using Avro;
using Avro.Generic;
using FinkTom.Core.Model;
using FinkTom.Ingest.Decoding;

namespace FinkTom.Tests.Ingest;

/// <summary>Conversion of Avro values to the CLR type of a catalogue column.</summary>
public sealed class ColumnValuesTests
{
    [Fact]
    public void NumbersWhereTheCatalogueHasStrings_BecomeInvariantText()
    {
        Assert.Equal("12345", ColumnValues.Convert(12345, ColumnType.String));      // old ssnamenr as int
        Assert.Equal("1", ColumnValues.Convert(1L, ColumnType.String));             // numeric isdiffpos
        Assert.Equal("0.5", ColumnValues.Convert(0.5, ColumnType.String));
        Assert.Equal("t", ColumnValues.Convert("t", ColumnType.String));
    }

    [Fact]
    public void SparkWidenedNumbers_AreNarrowedToTheColumnType()
    {
        Assert.Equal(19.5f, ColumnValues.Convert(19.5d, ColumnType.Float));
        Assert.Equal(2, ColumnValues.Convert(2L, ColumnType.Int));
        Assert.Equal(7L, ColumnValues.Convert(7, ColumnType.Long));
        Assert.Equal((double)0.25f, ColumnValues.Convert(0.25f, ColumnType.Double));
        Assert.Null(ColumnValues.Convert(long.MaxValue, ColumnType.Int)); // does not fit: no silent wrap-around
    }

    [Fact]
    public void ValueOfTheRightType_IsPassedThroughWithoutANewBox()
    {
        object boxed = 18.2f;
        Assert.Same(boxed, ColumnValues.Convert(boxed, ColumnType.Float));
    }

    [Fact]
    public void UnconvertibleValues_BecomeNull()
    {
        var schema = (RecordSchema)Schema.Parse("""{"type":"record","name":"mulens","fields":[{"name":"class_1","type":"string"}]}""");
        Assert.Null(ColumnValues.Convert(new GenericRecord(schema), ColumnType.Double)); // pre-0.5 mulens record
        Assert.Null(ColumnValues.Convert(new byte[] { 1 }, ColumnType.String));
        Assert.Null(ColumnValues.Convert("not a number", ColumnType.Double));
        Assert.Null(ColumnValues.Convert(null, ColumnType.Int));
    }

    [Fact]
    public void BooleansAcceptTextAndIntegers()
    {
        Assert.Equal(true, ColumnValues.Convert("true", ColumnType.Bool));
        Assert.Equal(false, ColumnValues.Convert(0, ColumnType.Bool));
        Assert.Equal(true, ColumnValues.Convert(true, ColumnType.Bool));
    }
}
