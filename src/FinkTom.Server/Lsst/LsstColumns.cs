using System.Globalization;
using FinkTom.Core.Model;
using FinkTom.Core.Surveys;
using FinkTom.Core.Surveys.Lsst;

namespace FinkTom.Server.Lsst;

/// <summary>One column of an LSST answer: its Fink name, type and where its value comes from in a stored alert.</summary>
public sealed record LsstColumn(string Name, ColumnType Type, Func<Alert, object?> Value)
{
    public static LsstColumn Stored(ColumnDef column, string? name = null) =>
        new(name ?? column.Name, column.Type, alert => alert.Values[column.Ordinal]);
}

/// <summary>
/// The columns of each LSST answer as Fink's tables hold them (contract <c>fink-lsst-api.md</c> §1.6): one list per
/// table, alphabetical as Fink's examples show them. Rubin's root fields and <c>r:salt</c> (Fink's row-key salt: the
/// last three digits of the object id) come with every table.
/// </summary>
public static class LsstColumns
{
    private static readonly Survey Lsst = Survey.Lsst;

    /// <summary>Fink's row-key salt of a static object: the id's last three digits, zero-padded.</summary>
    public static string SaltOf(long objectId) => (objectId % 1000).ToString("000", CultureInfo.InvariantCulture);

    /// <summary><c>r:salt</c>: the object's salt, or for an asteroid the year digits of its packed designation.</summary>
    public static readonly LsstColumn Salt = new("r:salt", ColumnType.String, alert => alert.Values[Lsst.ObjectId.Ordinal] is long id
        ? SaltOf(id)
        : alert.Values[Lsst.QueryColumns.SsoName!.Ordinal] is string { Length: >= 3 } packed ? packed[1..3] : null);

    private static IEnumerable<LsstColumn> Root =>
        [Salt, LsstColumn.Stored(Lsst.Catalog.Get("r:observation_reason")), LsstColumn.Stored(Lsst.Catalog.Get("r:target_name"))];

    private static IEnumerable<LsstColumn> Section(string record) =>
        RubinRecords.Fields(record).Select(f => LsstColumn.Stored(Lsst.Catalog.Get("r:" + f.Name)));

    /// <summary><c>/sources</c> and <c>/tags</c>: 131 columns (root, the 98 diaSource fields, 30 Fink source columns).</summary>
    public static readonly IReadOnlyList<LsstColumn> Sources = Alphabetical(Root.Concat(Section(RubinRecords.DiaSource))
        .Concat(FinkLsstFields.SourceColumns.Select(n => LsstColumn.Stored(Lsst.Catalog.Get(n)))));

    /// <summary><c>/objects</c>: 91 columns (root, the 82 diaObject fields with the object's own position, 6 Fink object columns).</summary>
    public static readonly IReadOnlyList<LsstColumn> Objects = Alphabetical(Root
        .Concat(RubinRecords.Fields(RubinRecords.DiaObject).Select(f => Lsst.Catalog.TryGet("o:" + f.Name, out var own)
            ? LsstColumn.Stored(own, "r:" + f.Name)
            : LsstColumn.Stored(Lsst.Catalog.Get("r:" + f.Name))))
        .Concat(ObjectFinkColumns));

    /// <summary><c>/conesearch</c> and <c>/skymap</c>: Fink's cone table (root, diaSource, the diaObject fields diaSource
    /// does not name, Fink's object and source columns, <c>f:pixel1024</c>).</summary>
    public static readonly IReadOnlyList<LsstColumn> Cone = Alphabetical(Sources
        .Concat(RubinRecords.Fields(RubinRecords.DiaObject).Where(f => !Lsst.Catalog.TryGet("o:" + f.Name, out _) && f.Name != "diaObjectId")
            .Select(f => LsstColumn.Stored(Lsst.Catalog.Get("r:" + f.Name))))
        .Concat(ObjectFinkColumns).Append(LsstColumn.Stored(Lsst.Catalog.Get("f:pixel1024"))));

    /// <summary><c>/sso</c>: root, diaSource, the ssSource fields diaSource does not name, the packed designation.</summary>
    public static readonly IReadOnlyList<LsstColumn> Sso = Alphabetical(Root.Concat(Section(RubinRecords.DiaSource))
        .Concat(RubinRecords.Fields(RubinRecords.SsSource).Select(f => "r:" + f.Name).Where(n => !Section(RubinRecords.DiaSource).Any(c => c.Name == n))
            .Select(n => LsstColumn.Stored(Lsst.Catalog.Get(n))))
        .Append(LsstColumn.Stored(Lsst.Catalog.Get("r:packed_primary_provisional_designation"))));

    private static IEnumerable<LsstColumn> ObjectFinkColumns =>
        FinkLsstFields.ObjectFields.Select(x => LsstColumn.Stored(Lsst.Catalog.Get("f:" + x.Field)));

    private static IReadOnlyList<LsstColumn> Alphabetical(IEnumerable<LsstColumn> columns) =>
        columns.DistinctBy(c => c.Name).OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
}
