using FinkTom.Core.Model;

namespace FinkTom.Query.OData;

/// <summary>
/// OData identifiers cannot hold a colon, so Fink's column names are mapped: the family prefix is dropped
/// (<c>i:magpsf</c> → <c>magpsf</c>, <c>d:cdsxmatch</c> → <c>cdsxmatch</c>, <c>d:classification</c> → <c>classification</c>).
/// Should a field name ever exist in two families, both get their family as a prefix with an underscore
/// (<c>i_name</c>, <c>d_name</c>), the spelling VOTable and Parquet answers already use.
/// Names are compared case-insensitively for clashes, because the feed resolves names case-insensitively.
/// </summary>
public static class FeedNames
{
    private static readonly Dictionary<string, string> ToOData = Build();

    private static readonly Dictionary<string, string> ToFink = ToOData.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    /// <summary>The OData property name of a stored alert column.</summary>
    public static string For(ColumnDef column) => ToOData[column.Name];

    /// <summary>The Fink column behind an OData property name, if it is a stored column.</summary>
    public static bool TryGetFinkName(string odataName, out string finkName) => ToFink.TryGetValue(odataName, out finkName!);

    private static Dictionary<string, string> Build()
    {
        var clashing = ColumnCatalog.Stored.GroupBy(c => c.Field, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() > 1).SelectMany(g => g).ToHashSet();
        return ColumnCatalog.Stored.ToDictionary(c => c.Name, c => clashing.Contains(c) ? c.SafeName : c.Field, StringComparer.Ordinal);
    }
}
