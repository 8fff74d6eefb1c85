using FinkTom.Core.Model;

namespace FinkTom.Query.Adql.Schema;

/// <summary>
/// One column of a table the TAP service offers: its ADQL name, the store column behind it (a catalogue name such as
/// <c>i:magpsf</c>, or an object-summary name), and the metadata TAP_SCHEMA and VOTable FIELDs carry.
/// </summary>
public sealed record TapColumn(string Name, string StoreColumn, ColumnType Type, bool Nullable)
{
    public string Description { get; init; } = "";
    public string? Unit { get; init; }
    public string? Ucd { get; init; }

    /// <summary>Shown by default in clients' column lists (TAP_SCHEMA <c>principal</c>).</summary>
    public bool Principal { get; init; }

    /// <summary>A store index serves conditions on it (TAP_SCHEMA <c>indexed</c>).</summary>
    public bool Indexed { get; init; }

    /// <summary>The VOTable/TAP datatype: 64-bit ids are <c>long</c>, so no client reads them as doubles.</summary>
    public string Datatype => Type switch
    {
        ColumnType.Int => "int",
        ColumnType.Long => "long",
        ColumnType.Float => "float",
        ColumnType.Double => "double",
        ColumnType.Bool => "boolean",
        _ => "unicodeChar",
    };
}
