using FinkTom.Core.Query;
using FinkTom.Core.Surveys;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace FinkTom.Query.OData;

/// <summary>
/// OData filter text over the Alerts properties (<c>rf_snia_vs_nonia gt 0.5 and ndethist le 20</c>) → a
/// <see cref="Predicate"/> over catalogue columns, validated against the column catalogue. The same parser and
/// translator serve <c>/odata/Alerts?$filter=</c>; this entry point needs no HTTP request: it is the predicate
/// language of livestream filters.
/// Property names are those of the feed (<see cref="FeedNames"/>), matched case-insensitively. Rubin filters speak the
/// same language over the properties of <c>LsstSources</c> (<c>psfFlux gt 5000 and band eq 'r'</c>, one flag per tag).
/// </summary>
public static class ODataFilterParser
{
    /// <summary>The predicate, or null when the filter is always true (<c>true</c>).</summary>
    /// <exception cref="ODataQueryException">Unknown property, type mismatch, bad literal or unsupported construct;
    /// the message says which.</exception>
    public static Predicate? Parse(string text) => Parse(text, Survey.Ztf);

    /// <summary>As <see cref="Parse(string)"/>, over the alerts of <paramref name="survey"/> (ZTF: <c>Alerts</c>;
    /// LSST: <c>LsstSources</c>).</summary>
    public static Predicate? Parse(string text, Survey survey) => survey == Survey.Lsst
        ? Parse(text, FeedModel.LsstSources, LsstSourceFeed.Set)
        : Parse(text, FeedModel.Alerts, AlertFeed.Set);

    private static Predicate? Parse(string text, IEdmEntitySet entities, FeedSet<AlertRow> set)
    {
        var parser = new ODataQueryOptionParser(FeedModel.Model, entities.EntityType, entities,
            new Dictionary<string, string> { ["$filter"] = text }) { Resolver = FeedUri.NewResolver() };
        FilterClause? clause;
        try
        {
            clause = parser.ParseFilter();
        }
        catch (Exception e) when (e is ODataException or OverflowException)
        {
            // Microsoft.OData's binder converts literals with checked casts: 1e30 as an Edm.Decimal overflows.
            throw new ODataQueryException(e.Message, "$filter");
        }
        if (clause is null)
            throw new ODataQueryException("The filter is empty.", "$filter");
        return new FilterTranslator<AlertRow>(set).Translate(clause);
    }

    /// <summary>As <see cref="Parse(string, Survey)"/>, reporting failure as a message instead of an exception.</summary>
    public static bool TryParse(string text, out Predicate? predicate, out string? error) => TryParse(text, Survey.Ztf, out predicate, out error);

    public static bool TryParse(string text, Survey survey, out Predicate? predicate, out string? error)
    {
        try
        {
            predicate = Parse(text, survey);
            error = null;
            return true;
        }
        catch (ODataQueryException e)
        {
            predicate = null;
            error = e.Message;
            return false;
        }
    }
}
