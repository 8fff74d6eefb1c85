using Microsoft.OData.Edm;

namespace FinkTom.Query.OData;

/// <summary>
/// Small reference sets an analyst reaches for next to the data: <c>Classes</c> (every class name, and which
/// Alerts/Objects property and value select it) and <c>Columns</c> (every property of the data sets, ZTF's and Rubin's,
/// with its Fink name, type and meaning). They live in memory; rows are string arrays.
/// </summary>
public static class ReferenceFeeds
{
    public static FeedSet<string?[]> Classes { get; } = new("Classes", "Class",
    [
        Text(0, "name", false, "The class as /api/v1/classes names it: a Fink class, (SIMBAD) label or (TNS) type."),
        Text(1, "kind", false, "Fink, SIMBAD or TNS."),
        Text(2, "property", false, "The Alerts property that holds it: classification (Fink and SIMBAD) or tns (TNS)."),
        Text(3, "value", false, "The value of that property, e.g. for $filter=classification eq 'QSO'."),
    ], "name", "Class names, and the Alerts property and value that select each.");

    public static FeedSet<string?[]> Columns { get; } = new("Columns", "Column",
    [
        Text(0, "id", false, "Entity set and property, e.g. Alerts/magpsf."),
        Text(1, "set", false, "Alerts, Objects, LsstSources, LsstObjects or LsstForcedPhotometry."),
        Text(2, "name", false, "Property name in the feed."),
        Text(3, "fink", true, "Fink's name of the value (i:magpsf, d:cdsxmatch, v:lastdate, r:psfFlux), when it has one."),
        Text(4, "type", false, "OData type."),
        Text(5, "description", false, "Meaning and unit."),
    ], "id", "Every property of the data sets (ZTF's and Rubin's): Fink name, type and meaning.");

    public static IReadOnlyList<string?[]> ColumnRows { get; } =
        Rows(AlertFeed.Set).Concat(Rows(ObjectFeed.Set))
            .Concat(Rows(LsstSourceFeed.Set)).Concat(Rows(LsstObjectFeed.Set)).Concat(Rows(LsstForcedPhotometryFeed.Set))
            .ToList();

    private static IEnumerable<string?[]> Rows<T>(FeedSet<T> set) =>
        set.Properties.Select(p => Row(set.Name, p.Name, p.FinkName, p.Kind, p.Description));

    private static string?[] Row(string set, string name, string? fink, EdmPrimitiveTypeKind kind, string description) =>
        [$"{set}/{name}", set, name, fink, "Edm." + kind, description];

    private static FeedProperty<string?[]> Text(int index, string name, bool nullable, string description) => new()
    {
        Name = name, Kind = EdmPrimitiveTypeKind.String, Nullable = nullable, Description = description,
        Read = row => row[index], Column = name,
    };
}
