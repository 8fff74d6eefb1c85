namespace FinkTom.Core.Surveys.Lsst;

/// <summary>
/// The records of a Rubin alert (<c>lsst.v10_0</c>; <c>lsst.v11_0</c> has the same names and order), field by field:
/// <c>name type</c>, <c>?</c> when the schema allows null. Written from the field lists of the contract
/// (<c>fink-lsst-api.md</c> §4.1) rather than from Rubin's schema files, which are GPL-3.0 and not shipped.
/// </summary>
public static class RubinRecords
{
    /// <summary><c>diaSource</c>: 98 fields.</summary>
    public const string DiaSource =
        "diaSourceId long, visit long, detector int, diaObjectId long?, ssObjectId long?, parentDiaSourceId long?, " +
        "midpointMjdTai double, ra double, raErr float?, dec double, decErr float?, ra_dec_Cov float?, x float, xErr " +
        "float?, y float, yErr float?, centroid_flag boolean?, apFlux float?, apFluxErr float?, apFlux_flag boolean?, " +
        "apFlux_flag_apertureTruncated boolean?, isNegative boolean?, snr float?, psfFlux float?, psfFluxErr float?, " +
        "psfLnL float?, psfChi2 float?, psfNdata int?, psfFlux_flag boolean?, psfFlux_flag_edge boolean?, " +
        "psfFlux_flag_noGoodPixels boolean?, trailFlux float?, trailFluxErr float?, trailRa double?, trailRaErr float?, " +
        "trailDec double?, trailDecErr float?, trailLength float?, trailLengthErr float?, trailAngle float?, " +
        "trailAngleErr float?, trailChi2 float?, trailNdata int?, trail_flag_edge boolean?, dipoleMeanFlux float?, " +
        "dipoleMeanFluxErr float?, dipoleFluxDiff float?, dipoleFluxDiffErr float?, dipoleLength float?, dipoleAngle " +
        "float?, dipoleChi2 float?, dipoleNdata int?, scienceFlux float?, scienceFluxErr float?, forced_PsfFlux_flag " +
        "boolean?, forced_PsfFlux_flag_edge boolean?, forced_PsfFlux_flag_noGoodPixels boolean?, templateFlux float?, " +
        "templateFluxErr float?, ixx float?, iyy float?, ixy float?, ixxPSF float?, iyyPSF float?, ixyPSF float?, " +
        "shape_flag boolean?, shape_flag_no_pixels boolean?, shape_flag_not_contained boolean?, shape_flag_parent_source " +
        "boolean?, extendedness float?, reliability float?, band string?, isDipole boolean?, dipoleFitAttempted boolean?, " +
        "timeProcessedMjdTai double, timeWithdrawnMjdTai double?, bboxSize int?, pixelFlags boolean?, pixelFlags_bad " +
        "boolean?, pixelFlags_cr boolean?, pixelFlags_crCenter boolean?, pixelFlags_edge boolean?, pixelFlags_nodata " +
        "boolean?, pixelFlags_nodataCenter boolean?, pixelFlags_interpolated boolean?, pixelFlags_interpolatedCenter " +
        "boolean?, pixelFlags_offimage boolean?, pixelFlags_saturated boolean?, pixelFlags_saturatedCenter boolean?, " +
        "pixelFlags_suspect boolean?, pixelFlags_suspectCenter boolean?, pixelFlags_streak boolean?, " +
        "pixelFlags_streakCenter boolean?, pixelFlags_injected boolean?, pixelFlags_injectedCenter boolean?, " +
        "pixelFlags_injected_template boolean?, pixelFlags_injected_templateCenter boolean?, glint_trail boolean?";

    /// <summary><c>diaForcedSource</c>: 14 fields.</summary>
    public const string DiaForcedSource =
        "diaForcedSourceId long, diaObjectId long, ra double, dec double, visit long, detector int, psfFlux float?, " +
        "psfFluxErr float?, midpointMjdTai double, scienceFlux float?, scienceFluxErr float?, band string?, " +
        "timeProcessedMjdTai double, timeWithdrawnMjdTai double?";

    /// <summary><c>diaObject</c>: 82 fields.</summary>
    public const string DiaObject =
        "diaObjectId long, validityStartMjdTai double, ra double, raErr float?, dec double, decErr float?, ra_dec_Cov " +
        "float?, u_psfFluxMean float?, u_psfFluxMeanErr float?, u_psfFluxSigma float?, u_psfFluxNdata int?, u_fpFluxMean " +
        "float?, u_fpFluxMeanErr float?, g_psfFluxMean float?, g_psfFluxMeanErr float?, g_psfFluxSigma float?, " +
        "g_psfFluxNdata int?, g_fpFluxMean float?, g_fpFluxMeanErr float?, r_psfFluxMean float?, r_psfFluxMeanErr float?, " +
        "r_psfFluxSigma float?, r_psfFluxNdata int?, r_fpFluxMean float?, r_fpFluxMeanErr float?, i_psfFluxMean float?, " +
        "i_psfFluxMeanErr float?, i_psfFluxSigma float?, i_psfFluxNdata int?, i_fpFluxMean float?, i_fpFluxMeanErr " +
        "float?, z_psfFluxMean float?, z_psfFluxMeanErr float?, z_psfFluxSigma float?, z_psfFluxNdata int?, z_fpFluxMean " +
        "float?, z_fpFluxMeanErr float?, y_psfFluxMean float?, y_psfFluxMeanErr float?, y_psfFluxSigma float?, " +
        "y_psfFluxNdata int?, y_fpFluxMean float?, y_fpFluxMeanErr float?, u_scienceFluxMean float?, u_scienceFluxMeanErr " +
        "float?, g_scienceFluxMean float?, g_scienceFluxMeanErr float?, r_scienceFluxMean float?, r_scienceFluxMeanErr " +
        "float?, i_scienceFluxMean float?, i_scienceFluxMeanErr float?, z_scienceFluxMean float?, z_scienceFluxMeanErr " +
        "float?, y_scienceFluxMean float?, y_scienceFluxMeanErr float?, u_psfFluxMin float?, u_psfFluxMax float?, " +
        "u_psfFluxMaxSlope float?, u_psfFluxErrMean float?, g_psfFluxMin float?, g_psfFluxMax float?, g_psfFluxMaxSlope " +
        "float?, g_psfFluxErrMean float?, r_psfFluxMin float?, r_psfFluxMax float?, r_psfFluxMaxSlope float?, " +
        "r_psfFluxErrMean float?, i_psfFluxMin float?, i_psfFluxMax float?, i_psfFluxMaxSlope float?, i_psfFluxErrMean " +
        "float?, z_psfFluxMin float?, z_psfFluxMax float?, z_psfFluxMaxSlope float?, z_psfFluxErrMean float?, " +
        "y_psfFluxMin float?, y_psfFluxMax float?, y_psfFluxMaxSlope float?, y_psfFluxErrMean float?, " +
        "firstDiaSourceMjdTai double?, lastDiaSourceMjdTai double?, nDiaSources int";

    /// <summary><c>ssSource</c>: 39 fields.</summary>
    public const string SsSource =
        "diaSourceId long, ssObjectId long, designation string?, eclLambda double, eclBeta double, galLon double, galLat " +
        "double, elongation float?, phaseAngle float?, topoRange float?, topoRangeRate float?, helioRange float?, " +
        "helioRangeRate float?, ephRa double?, ephDec double?, ephVmag float?, ephRate float?, ephRateRa float?, " +
        "ephRateDec float?, ephOffset float?, ephOffsetRa double?, ephOffsetDec double?, ephOffsetAlongTrack float?, " +
        "ephOffsetCrossTrack float?, helio_x float?, helio_y float?, helio_z float?, helio_vx float?, helio_vy float?, " +
        "helio_vz float?, helio_vtot float?, topo_x float?, topo_y float?, topo_z float?, topo_vx float?, topo_vy float?, " +
        "topo_vz float?, topo_vtot float?, diaDistanceRank int?";

    /// <summary><c>mpc_orbits</c>: 53 fields.</summary>
    public const string MpcOrbits =
        "id int, designation string, packed_primary_provisional_designation string, " +
        "unpacked_primary_provisional_designation string, mpc_orb_jsonb string?, created_at long?, updated_at long?, " +
        "orbit_type_int int?, u_param int?, nopp int?, arc_length_total double?, arc_length_sel double?, nobs_total int?, " +
        "nobs_total_sel int?, a double?, q double?, e double?, i double?, node double?, argperi double?, peri_time " +
        "double?, yarkovsky double?, srp double?, a1 double?, a2 double?, a3 double?, dt double?, mean_anomaly double?, " +
        "period double?, mean_motion double?, a_unc double?, q_unc double?, e_unc double?, i_unc double?, node_unc " +
        "double?, argperi_unc double?, peri_time_unc double?, yarkovsky_unc double?, srp_unc double?, a1_unc double?, " +
        "a2_unc double?, a3_unc double?, dt_unc double?, mean_anomaly_unc double?, period_unc double?, mean_motion_unc " +
        "double?, epoch_mjd double?, h double?, g double?, not_normalized_rms double?, normalized_rms double?, earth_moid " +
        "double?, fitting_datetime long?";

    /// <summary>Ints that <c>lsst.v11_0</c> made non-nullable (the bytes differ from v10's; the values do not).</summary>
    public static readonly IReadOnlySet<string> NonNullableInV11 = new HashSet<string>(StringComparer.Ordinal)
    {
        "psfNdata", "trailNdata", "dipoleNdata", "bboxSize",
        "u_psfFluxNdata", "g_psfFluxNdata", "r_psfFluxNdata", "i_psfFluxNdata", "z_psfFluxNdata", "y_psfFluxNdata",
    };

    /// <summary>The fields of a record listed above: name, type, whether null is allowed.</summary>
    public static IReadOnlyList<(string Name, Model.ColumnType Type, bool Nullable)> Fields(string record) =>
        record.Split(", ").Select(Parse).ToArray();

    private static (string, Model.ColumnType, bool) Parse(string field)
    {
        var space = field.IndexOf(' ');
        var type = field[(space + 1)..];
        var nullable = type.EndsWith('?');
        return (field[..space], type.TrimEnd('?') switch
        {
            "long" => Model.ColumnType.Long,
            "int" => Model.ColumnType.Int,
            "double" => Model.ColumnType.Double,
            "float" => Model.ColumnType.Float,
            "string" => Model.ColumnType.String,
            "boolean" => Model.ColumnType.Bool,
            var other => throw new InvalidOperationException($"Unknown Rubin field type '{other}' of '{field}'."),
        }, nullable);
    }
}
