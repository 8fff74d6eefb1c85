using FinkTom.Core.Model;
using FinkTom.Core.Query;

namespace FinkTom.Query.OData;

/// <summary>
/// The <c>Alerts</c> entity set: one entity per alert with every stored <c>i:</c> and <c>d:</c> column (named by
/// <see cref="FeedNames"/>), the alert time and first detection as UTC date-times (<c>lastdate</c>, <c>firstdate</c>,
/// Fink's <c>v:lastdate</c>/<c>v:firstdate</c>; the JDs stay as <c>jd</c>/<c>jdstarthist</c>), and <c>separation</c>
/// in Cone results.
/// </summary>
public static class AlertFeed
{
    public const string SetName = "Alerts";
    public const string Separation = "separation";

    // The columns an analyst looks at first come first in the entity type, so Excel shows them leftmost.
    private static readonly string[] Leading =
        ["i:candid", "i:objectId", "d:classification", "i:jd", "i:ra", "i:dec", "i:fid", "i:magpsf", "i:sigmapsf", "i:jdstarthist", "i:ndethist"];

    public static FeedSet<AlertRow> Set { get; } = Build();

    private static FeedSet<AlertRow> Build()
    {
        var ordered = Leading.Select(ColumnCatalog.Get)
            .Concat(ColumnCatalog.Stored.Where(c => !Leading.Contains(c.Name) && c.Family == "i"))
            .Concat(ColumnCatalog.Stored.Where(c => !Leading.Contains(c.Name) && c.Family == "d"));
        var properties = new List<FeedProperty<AlertRow>>();
        foreach (var column in ordered)
        {
            properties.Add(Stored(column));
            if (column == ColumnCatalog.Classification)
            {
                properties.Add(Date("lastdate", ColumnCatalog.Jd, "Time of the alert (i:jd) as a UTC date-time; Fink's v:lastdate."));
                properties.Add(Date("firstdate", ColumnCatalog.JdStartHist, "First detection of the object (i:jdstarthist) as a UTC date-time; Fink's v:firstdate."));
            }
        }
        properties.Add(new FeedProperty<AlertRow>
        {
            Name = Separation,
            Kind = Microsoft.OData.Edm.EdmPrimitiveTypeKind.Double,
            Description = "Angular distance to the centre of the cone, in degrees (Fink's v:separation_degree); set only in Cone results.",
            FinkName = SortKey.SeparationColumn,
            Read = row => row.SeparationDeg,
            Column = SortKey.SeparationColumn,
        });
        return new FeedSet<AlertRow>(SetName, "Alert", properties, FeedNames.For(ColumnCatalog.Candid),
            "One entity per alert: ZTF candidate fields, Fink's added values and classification.");
    }

    private static FeedProperty<AlertRow> Stored(ColumnDef column)
    {
        var ordinal = column.Ordinal;
        var isId = column.Type == ColumnType.Long;
        return new FeedProperty<AlertRow>
        {
            Name = FeedNames.For(column),
            Kind = FeedValues.KindOf(column.Type),
            Nullable = column != ColumnCatalog.Candid,
            Description = column == ColumnCatalog.Classification
                ? "Fink class of the alert (Fink's v:classification), computed at ingestion; see the Classes set."
                : ColumnDocs.For(column.Name) + (isId ? " A 64-bit id, written as a string." : ""),
            FinkName = column.Name,
            Read = isId ? row => FeedValues.IdText(row.Alert.Values[ordinal]) : row => row.Alert.Values[ordinal],
            Column = column.Name,
            ToColumn = isId ? FeedValues.ToId : null,
        };
    }

    private static FeedProperty<AlertRow> Date(string name, ColumnDef jdColumn, string description) => new()
    {
        Name = name,
        Kind = Microsoft.OData.Edm.EdmPrimitiveTypeKind.DateTimeOffset,
        Description = description,
        FinkName = "v:" + name,
        Read = row => FeedValues.ToDate(row.Alert.GetDouble(jdColumn)),
        Column = jdColumn.Name,
        ToColumn = FeedValues.ToJd,
    };

    /// <summary>The store columns needed to write the selected properties.</summary>
    public static IReadOnlyList<string>? StoreColumns(IReadOnlyList<FeedProperty<AlertRow>>? selected) =>
        selected?.Where(p => p.Column is not null && p.Column != SortKey.SeparationColumn).Select(p => p.Column!)
            .Concat(["i:ra", "i:dec"]).Distinct().ToList();
}
