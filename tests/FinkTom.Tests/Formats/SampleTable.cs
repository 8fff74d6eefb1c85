using FinkTom.Core.Model;
using FinkTom.Server.Formats;

namespace FinkTom.Tests.Formats;

/// <summary>A table with every column type, nulls, NaN, a 64-bit id beyond 2^53 and a string that needs escaping everywhere.</summary>
internal static class SampleTable
{
    public const long BigCandid = 3297294755815010006;
    public const string Awkward = "comma, \"quotes\"\r\nnew line <tag> & ampersand é";

    public static readonly TableColumn[] Columns =
    [
        new("i:objectId", ColumnType.String),
        new("i:candid", ColumnType.Long),
        new("i:fid", ColumnType.Int),
        new("i:magpsf", ColumnType.Float),
        new("i:jd", ColumnType.Double),
        new("d:from_upper", ColumnType.Bool),
        new("d:note", ColumnType.String),
        new("v:sigma(rate)", ColumnType.Double),
        new("b:cutoutScience_stampData", ColumnType.Float, IsArray: true),
    ];

    public static readonly float[][] Stamp = [[1.5f, float.NaN], [2f, -3.25f]];

    public static object?[][] Rows() =>
    [
        ["ZTF19acihgng", BigCandid, 1, 19.3456f, 2458803.6932870d, true, Awkward, 0.1d, Stamp],
        [null, null, null, null, null, null, null, null, null],
        ["ZTF19acxxwrs", 42, -7, float.NaN, double.NaN, false, "", -1.5e-7d, null],
    ];

    public static ResultTable Table() => new(Columns, Rows());
}
