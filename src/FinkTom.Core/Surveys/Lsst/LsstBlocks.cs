namespace FinkTom.Core.Surveys.Lsst;

/// <summary>One of fink-filters' Rubin building blocks (contract §3.3): its name and the first line of its docstring,
/// which <c>/api/v1/blocks</c> returns; <see cref="Since"/> is the fink-filters release that added it.</summary>
public sealed record LsstBlock(string Name, string Description, string Since = "7.35");

public static class LsstBlocks
{
    /// <summary>The 16 blocks of fink-filters 7.40, alphabetical.</summary>
    public static readonly IReadOnlyList<LsstBlock> All =
    [
        new("b_extragalactic_loose_candidate", "Flag for alerts in Rubin that are extragalactic candidates"),
        new("b_extragalactic_near_galaxy_candidate", "Flag for alerts in Rubin that are extragalactic candidates near a known galaxy"),
        new("b_good_quality", "Select alerts with good quality for science"),
        new("b_is_fading", "Return alerts with fading lightcurve in one filter."),
        new("b_is_new", "Return alerts for which the underlying object is seen for the first time by Rubin"),
        new("b_is_rising", "Return alerts with rising lightcurve in one filter."),
        new("b_is_solar_system", "Return alerts that are asteroids according to Rubin"),
        new("b_mag_rate_mc_sampling", "Flag for alerts with a fast-evolving flux rate via Monte Carlo sampling", "7.38"),
        new("b_outside_galactic_plane_20_deg", "Return alerts outside the galactic plane (+/- |20| deg)"),
        new("b_outside_galactic_plane_5_deg", "Return alerts outside the galactic plane (+/- |5| deg)"),
        new("b_xmatched_gaia_star", "Return alerts xmatched to stars with good parallax with Gaia."),
        new("b_xmatched_mangrove", "Return alerts xmatched with a Mangrove galaxy."),
        new("b_xmatched_simbad_galaxy", "Return alerts xmatched to a galaxy with SIMBAD."),
        new("b_xmatched_simbad_unknown", "Return alerts xmatched as unknown or failed with SIMBAD."),
        new("b_xmatched_vsx", "Return alerts xmatched with stellar and non-stellar sources from VSX catalogue."),
        new("b_xmatched_vsx_star", "Return alerts xmatched with stellar sources from VSX catalogue."),
    ];
}
