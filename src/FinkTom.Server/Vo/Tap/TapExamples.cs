using System.Text;

namespace FinkTom.Server.Vo.Tap;

/// <summary>
/// <c>/tap/examples</c> (DALI 1.1 §2.3): example queries as XHTML with RDFa, which TOPCAT lists under
/// "Service-provided" examples. Each runs on the bundled samples (a test runs them all).
/// </summary>
public static class TapExamples
{
    public sealed record Example(string Id, string Name, string Description, string Query);

    public static readonly IReadOnlyList<Example> All =
    [
        new("cone", "Alerts in a cone", "ZTF alerts within 3 arcminutes of a position, newest first.",
            "SELECT objectId, candid, jd, magpsf, classification FROM ztf.alerts\nWHERE CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 339.97, 34.90, 0.05)) = 1\nORDER BY jd DESC"),
        new("nearest", "Nearest alerts with their distance", "The three alerts nearest a position within half a degree, with the distance in degrees.",
            "SELECT TOP 3 objectId, candid, DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 339.97, 34.90)) AS sep FROM ztf.alerts\nWHERE DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 339.97, 34.90)) < 0.5\nORDER BY sep"),
        new("class", "Objects of a class", "Objects whose latest alert Fink classifies as a supernova candidate, most recently seen first.",
            "SELECT objectId, nalerts, lastjd, lastmag_g, lastmag_r FROM ztf.objects\nWHERE classification = 'SN candidate'\nORDER BY lastjd DESC"),
        new("bright", "Bright g-band alerts", "Alerts in the g band brighter than magnitude 18.5, with a real/bogus score above 0.9.",
            "SELECT TOP 100 objectId, candid, jd, magpsf, sigmapsf, drb FROM ztf.alerts\nWHERE fid = 1 AND magpsf < 18.5 AND drb > 0.9\nORDER BY magpsf"),
        new("count", "Count by condition", "How many alerts carry a supernova-like class.",
            "SELECT COUNT(*) AS n FROM ztf.alerts WHERE classification LIKE '%SN%'"),
        new("rubin", "Rubin alerts in a cone", "Rubin diaSources within one degree of a position.",
            "SELECT TOP 50 diaSourceId, diaObjectId, midpointMjdTai, band, psfFlux, psfFluxErr FROM lsst.diasources\nWHERE CONTAINS(POINT('ICRS', r_ra, r_dec), CIRCLE('ICRS', 63.35, -47.18, 1)) = 1"),
        new("columns", "Columns of a table", "The columns of ztf.alerts with their units, UCDs and descriptions.",
            "SELECT column_name, datatype, unit, ucd, description FROM TAP_SCHEMA.columns\nWHERE table_name = 'ztf.alerts' ORDER BY column_index"),
    ];

    public static string Document()
    {
        var text = new StringBuilder("""
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="en" lang="en">
            <head><title>FinkTom TAP examples</title></head>
            <body vocab="http://www.ivoa.net/rdf/examples#">
            <h1>FinkTom TAP examples</h1>

            """);
        foreach (var example in All)
            text.Append($"""
                <div typeof="example" id="{example.Id}" resource="#{example.Id}">
                <h2 property="name">{VoXml.Escape(example.Name)}</h2>
                <p>{VoXml.Escape(example.Description)}</p>
                <pre property="query">{VoXml.Escape(example.Query)}</pre>
                </div>

                """);
        return text.Append("</body>\n</html>\n").ToString();
    }
}
