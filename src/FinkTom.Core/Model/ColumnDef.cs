namespace FinkTom.Core.Model;

/// <summary>
/// One column of an alert as the Fink API names it: family prefix and field, e.g. <c>i:magpsf</c>.
/// </summary>
/// <param name="Name">Full Fink name, e.g. <c>i:jd</c> or <c>d:cdsxmatch</c>.</param>
/// <param name="Type">Value type.</param>
/// <param name="Nullable">Whether the ZTF/Fink schema allows null (drives the Avro union type in /schema).</param>
/// <param name="Ordinal">Position in <see cref="ColumnCatalog.Stored"/>; index into <see cref="Alert.Values"/>.</param>
public sealed record ColumnDef(string Name, ColumnType Type, bool Nullable, int Ordinal)
{
    /// <summary>Family prefix without the colon: <c>i</c>, <c>d</c>, <c>v</c> or <c>b</c>.</summary>
    public string Family => Name[..Name.IndexOf(':')];

    /// <summary>Field name without the family, e.g. <c>magpsf</c>.</summary>
    public string Field => Name[(Name.IndexOf(':') + 1)..];

    /// <summary>An identifier safe in SQL, XML (VOTable) and OData: the colon becomes an underscore (<c>i_magpsf</c>), as astropy does.</summary>
    public string SafeName => Name.Replace(':', '_');
}
