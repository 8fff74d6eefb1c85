using FinkTom.Core.Model;
using FinkTom.Core.Query;
using Microsoft.OData.Edm;

namespace FinkTom.Query.OData;

/// <summary>
/// The <c>Objects</c> entity set: one entity per object from the store's object summaries, with a navigation
/// property <c>Alerts</c> to every alert of the object.
/// </summary>
public static class ObjectFeed
{
    public const string SetName = "Objects";
    public const string AlertsNavigation = "Alerts";

    public static FeedSet<ObjectSummary> Set { get; } = new(SetName, "Object",
    [
        Column("objectId", "objectId", EdmPrimitiveTypeKind.String, false, "ZTF object name (ZTFyyxxxxxxx)."),
        Column("classification", "classification", EdmPrimitiveTypeKind.String, true, "Fink class of the latest alert (d:classification)."),
        Date("firstdate", "firstjd", "First detection as a UTC date-time: the earliest i:jdstarthist of its alerts."),
        Date("lastdate", "lastjd", "Time of the latest alert as a UTC date-time."),
        Column("firstjd", "firstjd", EdmPrimitiveTypeKind.Double, false, "First detection, Julian date."),
        Column("lastjd", "lastjd", EdmPrimitiveTypeKind.Double, false, "Time of the latest alert, Julian date."),
        Column("nalerts", "nalerts", EdmPrimitiveTypeKind.Int32, false, "Number of alerts of this object stored here."),
        Column("ndethist", "ndethist", EdmPrimitiveTypeKind.Int32, true, "ZTF's count of detections (history included) in the latest alert (i:ndethist)."),
        Column("ra", "ra", EdmPrimitiveTypeKind.Double, false, "Mean right ascension of its alerts, J2000, degrees."),
        Column("dec", "dec", EdmPrimitiveTypeKind.Double, false, "Mean declination of its alerts, J2000, degrees."),
        new FeedProperty<ObjectSummary>
        {
            Name = "lastcandid", Kind = EdmPrimitiveTypeKind.String, Nullable = false, Column = "lastcandid",
            Description = "i:candid of the latest alert, a 64-bit id written as a string.",
            Read = o => FeedValues.IdText(o.LastCandid), ToColumn = FeedValues.ToId,
        },
        Column("lastmag_g", "lastmag_g", EdmPrimitiveTypeKind.Double, true, "Latest PSF magnitude in the g band (fid 1), mag."),
        Column("lastjd_g", "lastjd_g", EdmPrimitiveTypeKind.Double, true, "Julian date of lastmag_g."),
        Column("lastmag_r", "lastmag_r", EdmPrimitiveTypeKind.Double, true, "Latest PSF magnitude in the r band (fid 2), mag."),
        Column("lastjd_r", "lastjd_r", EdmPrimitiveTypeKind.Double, true, "Julian date of lastmag_r."),
        Column("lastmag_i", "lastmag_i", EdmPrimitiveTypeKind.Double, true, "Latest PSF magnitude in the i band (fid 3), mag."),
        Column("lastjd_i", "lastjd_i", EdmPrimitiveTypeKind.Double, true, "Julian date of lastmag_i."),
    ], "objectId", "One entity per object: first and last detection, number of alerts, mean position, latest magnitudes and class.");

    private static FeedProperty<ObjectSummary> Column(string name, string column, EdmPrimitiveTypeKind kind, bool nullable, string description)
    {
        var read = ObjectColumns.Get(column).Read;
        return new() { Name = name, Kind = kind, Nullable = nullable, Description = description, Column = column, Read = read };
    }

    private static FeedProperty<ObjectSummary> Date(string name, string jdColumn, string description)
    {
        var read = ObjectColumns.Get(jdColumn).Read;
        return new()
        {
            Name = name, Kind = EdmPrimitiveTypeKind.DateTimeOffset, Nullable = false, Description = description, Column = jdColumn,
            Read = o => FeedValues.ToDate((double?)read(o)), ToColumn = FeedValues.ToJd,
        };
    }
}
