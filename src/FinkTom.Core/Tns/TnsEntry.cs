namespace FinkTom.Core.Tns;

/// <summary>
/// One object of TNS's public-objects catalogue: its full name (<c>name_prefix name</c>, e.g. <c>SN 2023ixf</c>), position,
/// type (null until classified), redshift and the survey names it was reported under (<c>ZTF23aaklqou</c>, ...).
/// </summary>
public sealed record TnsEntry(string FullName, double Ra, double Dec, string? Type, double? Redshift, IReadOnlyList<string> InternalNames);

/// <summary>
/// One row of Fink's TNS resolver table: an entry with one of its internal names (entries without any are not in it).
/// Its key, <c>lower(fullname_internalname)</c>, is what forward (prefix) and reverse (<c>_name</c> substring) searches read.
/// </summary>
public sealed record TnsResolverRow(string FullName, string InternalName, double Ra, double Dec, string? Type, double? Redshift)
{
    public string Key => (FullName + "_" + InternalName).ToLowerInvariant();
}
