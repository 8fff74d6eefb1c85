using Avro;
using Avro.Generic;
using FinkTom.Core.Model;

namespace FinkTom.Ingest.Decoding.Direct;

internal enum ScalarKind : byte { Null, Boolean, Int, Long, Float, Double, String, Bytes, Enum, Other }

/// <summary>
/// One value read by the direct decoder, unboxed: numbers in <see cref="Integer"/> or <see cref="Real"/> (a float
/// widened exactly), strings, bytes and enum symbols in <see cref="Reference"/>. <see cref="ScalarKind.Other"/> is a
/// record, array, map, fixed or logical-type value that was skipped: every conversion treats it as Apache.Avro's
/// generic reader's object of that kind is treated (no column value), so both decoders give the same alert.
/// </summary>
internal readonly struct AvroScalar(ScalarKind kind, long integer = 0, double real = 0, object? reference = null)
{
    /// <summary>Stands for a value the generic reader would have materialised as a record, array, map or fixed:
    /// non-null, but converts to no column value.</summary>
    public static readonly object Unconvertible = new();

    private static readonly object True = true, False = false;

    public ScalarKind Kind { get; } = kind;
    public long Integer { get; } = integer;
    public double Real { get; } = real;
    public object? Reference { get; } = reference;

    public bool IsNull => Kind == ScalarKind.Null;

    /// <summary>The object Apache.Avro's generic reader gives for this value (records and such: <see cref="Unconvertible"/>).</summary>
    public object? ToObject() => Kind switch
    {
        ScalarKind.Null => null,
        ScalarKind.Boolean => Integer != 0 ? True : False,
        ScalarKind.Int => (int)Integer,
        ScalarKind.Long => Integer,
        ScalarKind.Float => (float)Real,
        ScalarKind.Double => Real,
        ScalarKind.String or ScalarKind.Bytes or ScalarKind.Enum => Reference,
        _ => Unconvertible,
    };

    /// <summary><see cref="ColumnValues.Convert"/> of <see cref="ToObject"/>, boxing once on the common paths.</summary>
    public object? ToColumn(ColumnType type)
    {
        switch (type, Kind)
        {
            case (_, ScalarKind.Null):
                return null;
            case (ColumnType.Float, ScalarKind.Float or ScalarKind.Double):
                return (float)Real;
            case (ColumnType.Double, ScalarKind.Float or ScalarKind.Double):
                return Real;
            case (ColumnType.Double, ScalarKind.Int or ScalarKind.Long):
                return (double)Integer;
            case (ColumnType.Int, ScalarKind.Int):
                return (int)Integer;
            case (ColumnType.Long, ScalarKind.Int or ScalarKind.Long):
                return Integer;
            case (ColumnType.String, ScalarKind.String):
                return Reference;
            case (ColumnType.Bool, ScalarKind.Boolean):
                return Integer != 0 ? True : False;
            default:
                return ColumnValues.Convert(ToObject(), type);
        }
    }

    public double? AsDouble() => Kind switch
    {
        ScalarKind.Double or ScalarKind.Float => Real,
        ScalarKind.Int or ScalarKind.Long => Integer,
        _ => null,
    };

    public float? AsFloat() => Kind switch
    {
        ScalarKind.Double or ScalarKind.Float => (float)Real,
        ScalarKind.Int => (int)Integer,
        ScalarKind.Long => Integer,
        _ => null,
    };

    public int? AsInt() => Kind switch
    {
        ScalarKind.Int => (int)Integer,
        ScalarKind.Long when Integer is >= int.MinValue and <= int.MaxValue => (int)Integer,
        _ => null,
    };

    public long? AsLong() => Kind is ScalarKind.Int or ScalarKind.Long ? Integer : null;

    public string? AsText() => Kind == ScalarKind.String ? (string?)Reference : ColumnValues.AsText(ToObject());

    public static AvroScalar Enum(EnumSchema schema, string symbol) => new(ScalarKind.Enum, reference: new GenericEnum(schema, symbol));
}
