using FinkTom.Core.Surveys;

namespace FinkTom.Core.Model;

/// <summary>
/// ZTF's column catalogue (<see cref="Survey.Ztf"/>), under the names the ZTF code paths use: every column FinkTom
/// stores for a ZTF alert, named and typed as the Fink API serves them (contract §4: 108 <c>i:</c> ZTF fields, the
/// <c>d:</c> Fink science outputs) plus the pre-computed <c>d:classification</c> of Fink's index tables. Code that
/// serves any survey takes a <see cref="Survey"/> and its <see cref="AlertCatalog"/> instead.
/// </summary>
public static class ColumnCatalog
{
    private static AlertCatalog Ztf => Survey.Ztf.Catalog;

    /// <summary>All stored columns; <see cref="ColumnDef.Ordinal"/> indexes <see cref="Alert.Values"/>.</summary>
    public static IReadOnlyList<ColumnDef> Stored => Ztf.Stored;

    public static ColumnDef Candid { get; } = Survey.Ztf.AlertId;
    public static ColumnDef ObjectId { get; } = Survey.Ztf.ObjectId;
    public static ColumnDef Jd { get; } = Survey.Ztf.Time;
    public static ColumnDef Ra { get; } = Survey.Ztf.Ra;
    public static ColumnDef Dec { get; } = Survey.Ztf.Dec;
    public static ColumnDef Fid { get; } = Get("i:fid");
    public static ColumnDef MagPsf { get; } = Get("i:magpsf");
    public static ColumnDef SigmaPsf { get; } = Get("i:sigmapsf");
    public static ColumnDef JdStartHist { get; } = Get("i:jdstarthist");
    public static ColumnDef SsNameNr { get; } = Get("i:ssnamenr");
    public static ColumnDef Tns { get; } = Get("d:tns");
    public static ColumnDef Classification { get; } = Get("d:classification");

    /// <summary>Columns listed by <c>/api/v1/schema</c> under "ZTF original fields (i:)".</summary>
    public static IEnumerable<ColumnDef> ZtfColumns => Ztf.Family("i");

    /// <summary>Columns listed by <c>/api/v1/schema</c> under "Fink science module outputs (d:)" (the index-only class excluded).</summary>
    public static IEnumerable<ColumnDef> FinkColumns => Ztf.Family("d").Where(c => c != Classification);

    /// <summary>
    /// The stored columns a query with <see cref="Query.AlertQuery.Columns"/> = <paramref name="names"/> returns, in catalogue
    /// order: all when null, otherwise the known requested ones plus candid, objectId and jd, which every store fills.
    /// </summary>
    public static IReadOnlyList<ColumnDef> Selection(IReadOnlyList<string>? names) => Ztf.Selection(names, Survey.Ztf.Keys);

    public static bool TryGet(string name, out ColumnDef column) => Ztf.TryGet(name, out column);

    public static ColumnDef Get(string name) => Ztf.Get(name);
}
