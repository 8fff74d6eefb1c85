namespace FinkTom.Core.Model;

/// <summary>Value type of a column, as Fink's HBase schema casts it (int, long, float, double, string, boolean).</summary>
public enum ColumnType
{
    Int,
    Long,
    Float,
    Double,
    String,
    Bool,
}

public static class ColumnTypeNames
{
    /// <summary>The Avro primitive name of a type, used in /api/v1/schema.</summary>
    public static string AvroName(this ColumnType type) => type switch
    {
        ColumnType.Int => "int",
        ColumnType.Long => "long",
        ColumnType.Float => "float",
        ColumnType.Double => "double",
        ColumnType.String => "string",
        ColumnType.Bool => "boolean",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool IsNumeric(this ColumnType type) =>
        type is ColumnType.Int or ColumnType.Long or ColumnType.Float or ColumnType.Double;

    public static bool IsInteger(this ColumnType type) => type is ColumnType.Int or ColumnType.Long;
}
