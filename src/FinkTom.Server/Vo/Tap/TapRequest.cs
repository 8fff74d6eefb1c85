using FinkTom.Query.Adql;
using FinkTom.Query.Adql.Translation;
using FinkTom.Server.Formats;

namespace FinkTom.Server.Vo.Tap;

/// <summary>
/// A TAP query request (sync, or an async job's parameters) checked once: LANG=ADQL, QUERY translated, MAXREC within the
/// service's limit, RESPONSEFORMAT known. Every problem is one message naming the parameter.
/// </summary>
public sealed record TapRequest(TapQuery Query, int MaxRec, TableFormat Format)
{
    public static TapRequest Read(VoParameters parameters, VoOptions options)
    {
        if (parameters["REQUEST"] is { } request && !request.Equals("doQuery", StringComparison.OrdinalIgnoreCase))
            throw new AdqlException($"REQUEST={request} is not supported; use REQUEST=doQuery (or leave it out).");
        if (parameters["UPLOAD"] is not null)
            throw new AdqlException("UPLOAD is not supported by this service: it serves its own tables only.");
        var lang = parameters["LANG"] ?? throw new AdqlException("LANG is required: LANG=ADQL.");
        if (!lang.Equals("ADQL", StringComparison.OrdinalIgnoreCase) && !lang.StartsWith("ADQL-2.", StringComparison.OrdinalIgnoreCase))
            throw new AdqlException($"LANG={lang} is not supported; the query language is ADQL.");
        var text = parameters["QUERY"] ?? throw new AdqlException("QUERY is required: an ADQL query such as SELECT TOP 10 * FROM ztf.alerts.");
        var format = TapFormats.Parse(parameters["RESPONSEFORMAT"] ?? parameters["FORMAT"])
            ?? throw new AdqlException($"RESPONSEFORMAT={parameters["RESPONSEFORMAT"] ?? parameters["FORMAT"]} is not supported; choose votable, csv, json or parquet.");
        var maxRec = options.DefaultMaxRec;
        if (parameters["MAXREC"] is { } maxText)
        {
            if (!long.TryParse(maxText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var asked))
                throw new AdqlException($"MAXREC must be a whole number of rows (0 or more), not '{maxText}'.");
            maxRec = (int)Math.Min(asked, options.MaxRec);
        }
        var query = AdqlTranslator.Translate(text);
        return new TapRequest(query, Math.Min(maxRec, Math.Max(1, options.MaxCells / query.Fields.Count)), format);
    }
}
