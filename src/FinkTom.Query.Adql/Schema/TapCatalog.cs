using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Surveys;

namespace FinkTom.Query.Adql.Schema;

/// <summary>
/// The tables of the TAP service: ZTF alerts and object summaries, Rubin alerts (diaSources), and TAP_SCHEMA's five
/// tables describing them. Alert columns are named by their field (<c>i:magpsf</c> → <c>magpsf</c>), as the OData feed
/// names them; a field present in two families keeps its family (<c>i_name</c>). Quoted Fink names (<c>"i:magpsf"</c>)
/// are accepted too.
/// </summary>
public static class TapCatalog
{
    public const string TapSchema = "TAP_SCHEMA";

    public static TapTable ZtfAlerts { get; } = AlertTable("ztf", "alerts", Survey.Ztf,
        "ZTF alerts, one row per alert: ZTF candidate fields, Fink's added values and classification.",
        ["i:candid", "i:objectId", "i:ra", "i:dec", "i:jd", "i:fid", "i:magpsf", "i:sigmapsf", "d:classification"]);

    public static TapTable ZtfObjects { get; } = ObjectTable();

    public static TapTable LsstSources { get; } = AlertTable("lsst", "diasources", Survey.Lsst,
        "Rubin alerts, one row per diaSource: Rubin's source fields and Fink's added values.",
        ["r:diaSourceId", "r:diaObjectId", "r:ra", "r:dec", "r:midpointMjdTai", "r:band", "r:psfFlux", "r:psfFluxErr"]);

    /// <summary>The data tables, in the order TAP_SCHEMA lists them.</summary>
    public static IReadOnlyList<TapTable> DataTables { get; } = [ZtfAlerts, ZtfObjects, LsstSources];

    public static TapTable? Find(string? schema, string name)
    {
        var all = DataTables.Concat(TapSchemaTables.All);
        return all.FirstOrDefault(t => (schema is null || t.Schema.Equals(schema, StringComparison.OrdinalIgnoreCase))
                                       && t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
    }

    private static TapTable AlertTable(string schema, string name, Survey survey, string description, string[] principal)
    {
        var catalog = survey.Catalog;
        var clashing = catalog.Stored.GroupBy(c => c.Field, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).SelectMany(g => g).ToHashSet();
        var indexed = survey.Keys.Concat(survey.Indexes.SelectMany(i => i.Columns.Take(1))).Append(survey.Ra).Append(survey.Dec).ToHashSet();
        var ordered = principal.Select(catalog.Get).Concat(catalog.Stored.Where(c => !principal.Contains(c.Name)));
        var columns = ordered.Select(c =>
        {
            var doc = ColumnDocs.For(c.Name);
            return new TapColumn(clashing.Contains(c) ? c.SafeName : c.Field, c.Name, c.Type, c.Nullable && c != survey.AlertId)
            {
                Description = doc.Length > 0 ? doc : $"{survey.Title} field {c.Name}.",
                Unit = ColumnMetadata.Unit(c.Name, doc),
                Ucd = ColumnMetadata.Ucd(c.Name),
                Principal = principal.Contains(c.Name),
                Indexed = indexed.Contains(c),
            };
        }).ToList();
        return new TapTable(schema, name, TapTableKind.Alerts, survey, description, columns)
        {
            Position = (columns.First(c => c.StoreColumn == survey.Ra.Name), columns.First(c => c.StoreColumn == survey.Dec.Name)),
        };
    }

    private static TapTable ObjectTable()
    {
        TapColumn C(string name, string description, string? unit = null, string? ucd = null, bool principal = false, bool indexed = false)
        {
            var column = ObjectColumns.Get(name);
            return new TapColumn(name, name, column.Type, column.Nullable)
            {
                Description = description, Unit = unit, Ucd = ucd, Principal = principal, Indexed = indexed,
            };
        }
        List<TapColumn> columns =
        [
            C("objectId", "ZTF object name (ZTFyyxxxxxxx).", ucd: "meta.id;meta.main", principal: true, indexed: true),
            C("ra", "Mean right ascension of its alerts, J2000.", "deg", "pos.eq.ra;meta.main", true),
            C("dec", "Mean declination of its alerts, J2000.", "deg", "pos.eq.dec;meta.main", true),
            C("firstjd", "First detection: the earliest i:jdstarthist of its alerts, Julian date.", "d", "time.start", true, true),
            C("lastjd", "Time of its latest stored alert, Julian date.", "d", "time.end", true, true),
            C("nalerts", "Number of its alerts stored here.", principal: true, ucd: "meta.number"),
            C("lastcandid", "i:candid of its latest alert.", ucd: "meta.id"),
            C("classification", "Fink class of its latest alert (d:classification).", ucd: "src.class", principal: true, indexed: true),
            C("ndethist", "ZTF's count of detections, history included, in its latest alert (i:ndethist).", ucd: "meta.number"),
            C("lastmag_g", "Latest PSF magnitude in the g band (fid 1).", "mag", "phot.mag", true),
            C("lastjd_g", "Julian date of lastmag_g.", "d", "time.epoch"),
            C("lastmag_r", "Latest PSF magnitude in the r band (fid 2).", "mag", "phot.mag", true),
            C("lastjd_r", "Julian date of lastmag_r.", "d", "time.epoch"),
            C("lastmag_i", "Latest PSF magnitude in the i band (fid 3).", "mag", "phot.mag"),
            C("lastjd_i", "Julian date of lastmag_i.", "d", "time.epoch"),
        ];
        return new TapTable("ztf", "objects", TapTableKind.Objects, Survey.Ztf,
            "ZTF objects, one row per object: first and last detection, number of alerts, mean position, latest magnitudes and class.", columns)
        {
            Position = (columns[1], columns[2]),
        };
    }
}
