using System.Globalization;
using System.Text.Json.Nodes;
using FinkTom.Core.Query;
using FinkTom.Store.Elasticsearch.Mapping;

namespace FinkTom.Store.Elasticsearch.Query;

/// <summary>
/// Cone search in two steps, both in Elasticsearch:
/// <list type="number">
/// <item><c>geo_distance</c> on the <c>geo_point</c> (served by the BKD index) with a slightly larger radius, so that it
/// keeps every alert of the cone. The sky is a sphere, so an angle becomes an arc length on Elasticsearch's own sphere:
/// <c>distance_type: arc</c> is the haversine distance on a sphere of radius 6,371,008.7714 m (the mean Earth radius
/// <c>GeoUtils.EARTH_MEAN_RADIUS</c> of Elasticsearch, the same constant in Lucene and OpenSearch), so
/// arc = angle [rad] × 6,371,008.7714 m whatever the latitude: no flattening, poles and RA 0/360 need no special case.
/// The margin (1 m ≈ 0.03″, plus 10⁻⁹ relative) covers the rounding of stored points to Lucene's 32-bit lat/lon grid
/// (under 1 cm, about 0.3 mas) and of the haversine arithmetic.</item>
/// <item>An exact cut by a script on the stored unit vector: chord² ≤ 4 sin²(r/2), the same comparison in the same
/// IEEE double arithmetic as the embedded store and <see cref="Cone.Contains"/>. Being a two-phase filter, it only runs
/// on documents the geo_distance step kept.</item>
/// </list>
/// </summary>
public static class ConeDsl
{
    /// <summary>Radius of the sphere on which Elasticsearch measures <c>arc</c> distances, in metres.</summary>
    public const double EarthMeanRadiusMeters = 6_371_008.7714;

    public const double MarginMeters = 1.0;

    public const double RelativeMargin = 1e-9;

    /// <summary>Squared chord from the stored unit vector to the cone centre (0 to 4); documents without position sort last.</summary>
    public const string ChordScript =
        "if (doc['sx'].size() == 0) { return 5.0; } " +
        "double dx = doc['sx'].value - params.x; double dy = doc['sy'].value - params.y; double dz = doc['sz'].value - params.z; " +
        "return dx * dx + dy * dy + dz * dz;";

    public const string InsideScript =
        "if (doc['sx'].size() == 0) { return false; } " +
        "double dx = doc['sx'].value - params.x; double dy = doc['sy'].value - params.y; double dz = doc['sz'].value - params.z; " +
        "return dx * dx + dy * dy + dz * dz <= params.max;";

    /// <summary>The <c>geo_distance</c> radius for an angular radius: arc length on Elasticsearch's sphere plus the margin.</summary>
    public static double GeoDistanceMeters(double radiusDeg) =>
        radiusDeg * Math.PI / 180 * EarthMeanRadiusMeters * (1 + RelativeMargin) + MarginMeters;

    /// <summary>The cone's filter clauses: the index-served superset, then the exact cut.</summary>
    public static IEnumerable<JsonObject> Filters(Cone cone)
    {
        // A radius reaching the antipode covers the whole sphere: geo_distance would filter nothing.
        if (GeoDistanceMeters(cone.RadiusDeg) < Math.PI * EarthMeanRadiusMeters)
            yield return GeoDistance(cone);
        yield return new JsonObject
        {
            ["script"] = new JsonObject { ["script"] = Script(cone, InsideScript, withMax: true) },
        };
    }

    public static JsonObject GeoDistance(Cone cone) => new()
    {
        ["geo_distance"] = new JsonObject
        {
            ["distance"] = GeoDistanceMeters(cone.RadiusDeg).ToString("R", CultureInfo.InvariantCulture) + "m",
            ["distance_type"] = "arc",
            [IndexTemplates.PositionField] = new JsonObject { ["lat"] = cone.Dec, ["lon"] = AlertDocuments.Longitude(cone.Ra) },
        },
    };

    /// <summary>Sort by distance to the centre: by squared chord, which orders exactly as the great-circle distance.</summary>
    public static JsonObject SeparationSort(Cone cone, bool descending) => new()
    {
        ["_script"] = new JsonObject
        {
            ["type"] = "number",
            ["order"] = descending ? "desc" : "asc",
            ["script"] = Script(cone, ChordScript, withMax: false),
        },
    };

    private static JsonObject Script(Cone cone, string source, bool withMax)
    {
        var centre = cone.Centre;
        var parameters = new JsonObject { ["x"] = centre.X, ["y"] = centre.Y, ["z"] = centre.Z };
        if (withMax)
            parameters["max"] = cone.MaxChordSquared;
        return new JsonObject { ["lang"] = "painless", ["source"] = source, ["params"] = parameters };
    }
}
