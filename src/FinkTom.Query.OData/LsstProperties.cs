using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Surveys;
using Microsoft.OData.Edm;

namespace FinkTom.Query.OData;

/// <summary>
/// Properties of the Rubin sets from the LSST catalogue: Fink's name without its family (<c>r:psfFlux</c> → <c>psfFlux</c>,
/// <c>f:xm_tns_type</c> → <c>xm_tns_type</c>; a name two columns would share keeps its family with an underscore),
/// 64-bit ids as strings (as ZTF's <c>candid</c>), and Rubin's MJD (TAI) times also as UTC date-times.
/// Every property but the key is nullable: Solar System alerts, for one, have no diaObject.
/// </summary>
internal static class LsstProperties
{
    public static AlertCatalog Catalog => Survey.Lsst.Catalog;

    public const string NoCalendarParts =
        "month(), day(), hour(), minute() and second() apply to ZTF's dates only; compare a Rubin date with a range instead, e.g. date ge 2026-03-06T00:00:00Z and date lt 2026-03-07T00:00:00Z.";

    /// <summary>The OData name of each column (in the order given), unique within one set whatever the case.</summary>
    public static IReadOnlyList<string> Names(IReadOnlyList<ColumnDef> columns)
    {
        var clashing = columns.GroupBy(c => c.Field, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).SelectMany(g => g).ToHashSet();
        return columns.Select(c => clashing.Contains(c) ? c.SafeName : c.Field).ToList();
    }

    /// <summary>A stored column read from a row's values (an alert's or a measurement's).</summary>
    public static FeedProperty<T> Stored<T>(ColumnDef column, string name, Func<T, object?[]> values, bool isKey = false,
        string? finkName = null, string? description = null)
    {
        var ordinal = column.Ordinal;
        var isId = column.Type == ColumnType.Long;
        return new FeedProperty<T>
        {
            Name = name,
            Kind = FeedValues.KindOf(column.Type),
            Nullable = !isKey,
            Description = (description ?? Describe(finkName ?? column.Name)) + (isId ? " A 64-bit id, written as a string." : ""),
            FinkName = finkName ?? column.Name,
            Read = isId ? row => FeedValues.IdText(values(row)[ordinal]) : row => values(row)[ordinal],
            Column = column.Name,
            ToColumn = isId ? FeedValues.ToId : null,
        };
    }

    /// <summary>An MJD (TAI) column as a UTC date-time; filters and sort keys use the MJD column.</summary>
    public static FeedProperty<T> Date<T>(string name, ColumnDef mjd, Func<T, object?[]> values, string description)
    {
        var ordinal = mjd.Ordinal;
        return new FeedProperty<T>
        {
            Name = name,
            Kind = EdmPrimitiveTypeKind.DateTimeOffset,
            Description = description,
            Read = row => FeedValues.FromMjdTai(values(row)[ordinal] as double?),
            Column = mjd.Name,
            ToColumn = FeedValues.ToMjdTai,
            NoCalendarPartsReason = NoCalendarParts,
        };
    }

    public static FeedProperty<AlertRow> Separation() => new()
    {
        Name = AlertFeed.Separation,
        Kind = EdmPrimitiveTypeKind.Double,
        Description = "Angular distance from the diaSource position to the centre of the cone, in degrees (Fink's v:separation_degree); set only in Cone results.",
        FinkName = SortKey.SeparationColumn,
        Read = row => row.SeparationDeg,
        Column = SortKey.SeparationColumn,
    };

    /// <summary>A short meaning for a Fink LSST column, with its unit where the name tells it.</summary>
    public static string Describe(string finkName)
    {
        var field = finkName[(finkName.IndexOf(':') + 1)..];
        var what = finkName switch
        {
            _ when finkName.StartsWith("f:xm_") => $"Fink cross-match xm.{field[3..]}",
            _ when finkName.StartsWith("f:clf_") => $"Fink classifier output clf.{field[4..]}",
            _ when finkName.StartsWith("f:") => $"Fink's {field}",
            _ => $"Rubin's {field}",
        };
        var unit = field switch
        {
            _ when field.Contains("MjdTai") => ", MJD (TAI)",
            "ra" or "dec" or "raErr" or "decErr" => ", degrees (ICRS)",
            _ when field.Contains("Flux") && !field.Contains("flag", StringComparison.OrdinalIgnoreCase) && !field.EndsWith("Ndata") && !field.EndsWith("Slope") => ", nJy",
            _ => "",
        };
        return $"{what} ({finkName}){unit}.";
    }
}
