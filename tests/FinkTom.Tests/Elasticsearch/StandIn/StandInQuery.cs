using System.Text.Json;
using System.Text.RegularExpressions;
using FinkTom.Store.Elasticsearch.Query;

namespace FinkTom.Tests.Elasticsearch.StandIn;

/// <summary>
/// Decides whether a document matches a query, for the clauses FinkTom sends, with the semantics of Elasticsearch's
/// query DSL reference: a null or absent field matches no term, range, prefix or wildcard; <c>exists</c> is true for a
/// non-null value; bool's <c>filter</c> is AND, <c>should</c> with <c>minimum_should_match: 1</c> OR, <c>must_not</c> NOT.
/// An unknown clause is an error (HTTP 400), so a clause FinkTom should not send is noticed.
/// </summary>
public static class StandInQuery
{
    public static bool Matches(JsonElement query, StandInDocument doc, Func<string, string> typeOf)
    {
        var clause = query.EnumerateObject().Single();
        var body = clause.Value;
        switch (clause.Name)
        {
            case "match_all": return true;
            case "match_none": return false;
            case "bool": return Bool(body, doc, typeOf);
            case "exists": return doc.Values.ContainsKey(body.GetProperty("field").GetString()!);
            case "ids": return body.GetProperty("values").EnumerateArray().Any(v => v.GetString() == doc.Id);
            case "term":
            {
                var (field, value) = Single(body);
                if (value.ValueKind == JsonValueKind.Object)
                    value = value.GetProperty("value");
                return doc.Values.TryGetValue(field, out var actual) && StandInValues.Compare(actual, StandInValues.Query(typeOf(field), value)) == 0;
            }
            case "terms":
            {
                var (field, values) = Single(body);
                return doc.Values.TryGetValue(field, out var actual)
                    && values.EnumerateArray().Any(v => StandInValues.Compare(actual, StandInValues.Query(typeOf(field), v)) == 0);
            }
            case "range": return Range(body, doc, typeOf);
            case "prefix":
            {
                var (field, value) = Single(body);
                return doc.Values.TryGetValue(field, out var actual) && actual is string s
                    && s.StartsWith(value.GetProperty("value").GetString()!, StringComparison.Ordinal);
            }
            case "wildcard":
            {
                var (field, value) = Single(body);
                return doc.Values.TryGetValue(field, out var actual) && actual is string s && Wildcard(value.GetProperty("value").GetString()!).IsMatch(s);
            }
            case "geo_distance": return GeoDistance(body, doc);
            case "script": return (bool)Script(body.GetProperty("script"), doc);
            default: throw new StandInException(400, "parsing_exception", $"unknown query [{clause.Name}]");
        }
    }

    private static bool Bool(JsonElement body, StandInDocument doc, Func<string, string> typeOf)
    {
        foreach (var part in body.EnumerateObject())
        {
            switch (part.Name)
            {
                case "filter" or "must" when !Clauses(part.Value).All(q => Matches(q, doc, typeOf)):
                case "must_not" when Clauses(part.Value).Any(q => Matches(q, doc, typeOf)):
                    return false;
                case "should":
                    var minimum = body.TryGetProperty("minimum_should_match", out var m) ? m.GetInt32() : 1;
                    if (Clauses(part.Value).Count(q => Matches(q, doc, typeOf)) < minimum)
                        return false;
                    break;
                case "filter" or "must" or "must_not" or "minimum_should_match":
                    break;
                default:
                    throw new StandInException(400, "parsing_exception", $"[bool] query does not support [{part.Name}]");
            }
        }
        return true;
    }

    private static IEnumerable<JsonElement> Clauses(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? value.EnumerateArray() : [value];

    private static bool Range(JsonElement body, StandInDocument doc, Func<string, string> typeOf)
    {
        var (field, bounds) = Single(body);
        if (!doc.Values.TryGetValue(field, out var actual))
            return false;
        var type = typeOf(field);
        foreach (var bound in bounds.EnumerateObject())
        {
            var lower = bound.Name is "gt" or "gte";
            var inclusive = bound.Name is "gte" or "lte";
            var limit = StandInValues.Bound(type, bound.Value, lower, inclusive);
            var order = StandInValues.Compare(actual, limit);
            var strictKeyword = type == "keyword" && !inclusive;
            var ok = lower ? (strictKeyword ? order > 0 : order >= 0) : (strictKeyword ? order < 0 : order <= 0);
            if (!ok)
                return false;
        }
        return true;
    }

    private static bool GeoDistance(JsonElement body, StandInDocument doc)
    {
        var meters = StandInValues.Meters(body.GetProperty("distance"));
        var field = body.EnumerateObject().Single(p => p.Name is not ("distance" or "distance_type" or "validation_method"));
        if (!doc.Values.TryGetValue(field.Name, out var value))
            return false;
        var point = (StandInValues.GeoPoint)value;
        var (lat, lon) = (field.Value.GetProperty("lat").GetDouble(), field.Value.GetProperty("lon").GetDouble());
        if (lat is < -90 or > 90 || lon is < -180 or > 180)
            throw new StandInException(400, "parsing_exception", "illegal latitude or longitude");
        return StandInValues.ArcMeters(lat, lon, point.Lat, point.Lon) <= meters;
    }

    /// <summary>The Painless scripts FinkTom sends (chord to the cone centre, a date part of a JD), run here in C#.</summary>
    public static object Script(JsonElement script, StandInDocument doc)
    {
        var source = script.GetProperty("source").GetString();
        var p = script.GetProperty("params");
        if (source == DatePartDsl.PartScript)
            return DatePart(p, doc);
        var missing = !doc.Source.TryGetProperty("sx", out var sx);
        double Chord()
        {
            var dx = sx.GetDouble() - p.GetProperty("x").GetDouble();
            var dy = doc.Source.GetProperty("sy").GetDouble() - p.GetProperty("y").GetDouble();
            var dz = doc.Source.GetProperty("sz").GetDouble() - p.GetProperty("z").GetDouble();
            return dx * dx + dy * dy + dz * dz;
        }
        if (source == ConeDsl.ChordScript)
            return missing ? 5.0 : Chord();
        if (source == ConeDsl.InsideScript)
            return !missing && Chord() <= p.GetProperty("max").GetDouble();
        throw new StandInException(400, "script_exception", "the stand-in runs only FinkTom's cone scripts");
    }

    private static bool DatePart(JsonElement p, StandInDocument doc)
    {
        var op = p.GetProperty("op").GetString();
        if (!doc.Source.TryGetProperty(p.GetProperty("field").GetString()!, out var jd) || jd.ValueKind != JsonValueKind.Number)
            return op == "ne";
        var ms = (long)(jd.GetDouble() * 86400000.0 + 0.5) - p.GetProperty("epoch").GetInt64();
        var t = DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime;
        long v = p.GetProperty("part").GetString() switch
        {
            "month" => t.Month,
            "day" => t.Day,
            "hour" => t.Hour,
            "minute" => t.Minute,
            "second" => t.Second,
            var other => throw new StandInException(400, "script_exception", $"unknown part {other}"),
        };
        var c = p.GetProperty("value").GetInt64();
        return op switch
        {
            "eq" => v == c,
            "ne" => v != c,
            "lt" => v < c,
            "le" => v <= c,
            "gt" => v > c,
            "ge" => v >= c,
            _ => throw new StandInException(400, "script_exception", $"unknown op {op}"),
        };
    }

    private static (string Field, JsonElement Value) Single(JsonElement body)
    {
        var property = body.EnumerateObject().Single();
        return (property.Name, property.Value);
    }

    private static Regex Wildcard(string pattern)
    {
        var regex = new System.Text.StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var ch = pattern[i];
            if (ch == '\\' && i + 1 < pattern.Length)
                regex.Append(Regex.Escape(pattern[++i].ToString()));
            else if (ch == '*')
                regex.Append(".*");
            else if (ch == '?')
                regex.Append('.');
            else
                regex.Append(Regex.Escape(ch.ToString()));
        }
        return new Regex(regex.Append('$').ToString(), RegexOptions.Singleline);
    }
}

/// <summary>An error answer of the stand-in, in Elasticsearch's error body shape.</summary>
public sealed class StandInException(int status, string type, string reason) : Exception(reason)
{
    public int Status { get; } = status;
    public string Type { get; } = type;
}
