using FinkTom.Core.Model;
using FinkTom.Core.Surveys.Lsst;

namespace FinkTom.Core.Surveys;

/// <summary>
/// The Vera C. Rubin Observatory's LSST as Fink serves it (contract <c>fink-lsst-api.md</c>): one row per alert =
/// one diaSource, with Rubin's fields under <c>r:</c> (last path component: <c>diaSource.psfFlux</c> →
/// <c>r:psfFlux</c>) and Fink's under <c>f:</c>.
/// </summary>
/// <remarks>
/// <para>Where two sections share a name the first wins, as in Fink's tables: root, then <c>diaSource</c>, then
/// <c>diaObject</c>, <c>ssSource</c>. The object's own position (<c>diaObject.ra</c>, …) is kept besides under
/// <c>o:</c>, since <c>/objects</c> answers with it as <c>r:ra</c>. <c>mpc_orbits</c> contributes the two designations
/// the Solar System endpoints key on and the orbit (<c>r:a</c>, <c>r:e</c>, <c>r:i</c>, <c>r:epoch_mjd</c>, …, as Fink's
/// <c>rubin.mpc_orbits</c> table names them; its <c>mpc_orb_jsonb</c> text is not kept). FinkTom adds <c>f:pixel1024</c> (HEALPix nside 1024, RING, from the diaSource
/// position, as Fink's cone table) and one <c>t:&lt;tag&gt;</c> flag per tag.</para>
/// <para>History kinds: <c>prvDiaSources</c> (seen by decoders and tags; each is an alert of its own) and
/// <c>prvDiaForcedSources</c> (kept: Fink's <c>/fp</c>).</para>
/// </remarks>
internal static class LsstSurvey
{
    public static Survey Create()
    {
        var columns = new List<(string, ColumnType, bool)>
        {
            ("r:diaSourceId", ColumnType.Long, false),
            ("r:observation_reason", ColumnType.String, true),
            ("r:target_name", ColumnType.String, true),
        };
        var names = new HashSet<string>(columns.Select(c => c.Item1), StringComparer.Ordinal);
        void AddSection(string record, string family = "r:")
        {
            foreach (var (name, type, nullable) in RubinRecords.Fields(record))
                if (names.Add(family + name))
                    columns.Add((family + name, type, nullable));
        }
        AddSection(RubinRecords.DiaSource);
        // Listed before the diaObject section adds its names: the fields diaSource already named (ra, dec, …).
        var objectPosition = RubinRecords.Fields(RubinRecords.DiaObject).Where(f => names.Contains("r:" + f.Name) && f.Name != "diaObjectId").ToList();
        AddSection(RubinRecords.DiaObject);
        foreach (var (name, type, nullable) in objectPosition)
            columns.Add(("o:" + name, type, nullable));
        AddSection(RubinRecords.SsSource);
        // The MPC orbit of an asteroid alert: its designations (the Solar System endpoints key on the packed one) and its
        // elements (TOM's non-sidereal targets, the livestream packets); not its JSON text.
        foreach (var (name, type, _) in RubinRecords.Fields(RubinRecords.MpcOrbits))
            if (name != "mpc_orb_jsonb" && names.Add("r:" + name))
                columns.Add(("r:" + name, type, true));
        columns.AddRange(FinkLsstFields.CrossMatches.Select(x => ("f:xm_" + x.Field, x.Type, true)));
        columns.AddRange(FinkLsstFields.Classifiers.Select(x => ("f:clf_" + x.Field, x.Type, true)));
        columns.AddRange(FinkLsstFields.Versions.Select(v => ("f:" + v, ColumnType.String, true)));
        columns.AddRange(FinkLsstFields.ObjectFields.Select(x => ("f:" + x.Field, x.Type, true)));
        columns.Add(("f:pixel1024", ColumnType.Long, false));
        columns.AddRange(LsstTags.All.Select(t => (t.Column, ColumnType.Bool, true)));

        var catalog = new AlertCatalog(columns);
        var time = catalog.Get("r:midpointMjdTai");
        return new Survey
        {
            Name = "lsst",
            Title = "Vera C. Rubin Observatory LSST",
            Catalog = catalog,
            AlertId = catalog.Get("r:diaSourceId"),
            ObjectId = catalog.Get("r:diaObjectId"),
            ObjectIdOptional = true, // Solar System alerts have no diaObject
            Time = time,
            TimeAxis = TimeAxis.ModifiedJulianDateTai,
            Ra = catalog.Get("r:ra"),
            Dec = catalog.Get("r:dec"),
            Band = catalog.Get("r:band"),
            QueryColumns = new SurveyQueryColumns
            {
                FirstDetection = catalog.Get("f:firstDiaSourceMjdTaiFink"),
                TnsType = catalog.Get("f:xm_tns_type"),
                SsoName = catalog.Get("r:packed_primary_provisional_designation"),
            },
            // /sso: every alert of one asteroid by its packed designation; /tags: the latest alerts of a tag, each tag's
            // index holding only the alerts that passed it.
            Indexes =
            [
                new StoreIndex("sso", [catalog.Get("r:packed_primary_provisional_designation"), time]),
                .. LsstTags.All.Where(t => t.ApiSupport).Select(t => new StoreIndex("tag_" + t.Name, [time]) { OnlyWhereTrue = catalog.Get(t.Column) }),
            ],
            History = [PreviousSources(), ForcedPhotometry()],
            Cutouts = CutoutFormat.Fits,
            StorageName = "lsst_",
        };
    }

    public const string PreviousSourcesName = "prvDiaSources";
    public const string ForcedPhotometryName = "prvDiaForcedSources";

    private static HistoryKind PreviousSources()
    {
        var catalog = new AlertCatalog(RubinRecords.Fields(RubinRecords.DiaSource).Select(f => ("r:" + f.Name, f.Type, f.Nullable)));
        return new HistoryKind(PreviousSourcesName, "earlier diaSources of the object (each one an alert of its own)")
        {
            Catalog = catalog,
            Key = catalog.Get("r:diaSourceId"),
            ObjectId = catalog.Get("r:diaObjectId"),
            Time = catalog.Get("r:midpointMjdTai"),
            Stored = false,
        };
    }

    private static HistoryKind ForcedPhotometry()
    {
        var catalog = new AlertCatalog(RubinRecords.Fields(RubinRecords.DiaForcedSource).Select(f => ("r:" + f.Name, f.Type, f.Nullable)));
        return new HistoryKind(ForcedPhotometryName, "forced photometry at the diaObject position, past and current visits")
        {
            Catalog = catalog,
            Key = catalog.Get("r:diaForcedSourceId"),
            ObjectId = catalog.Get("r:diaObjectId"),
            Time = catalog.Get("r:midpointMjdTai"),
            Stored = true,
        };
    }
}
