using System.Text.Json.Nodes;
using FinkTom.Core.Query;
using FinkTom.Core.Time;

namespace FinkTom.Store.Elasticsearch.Query;

/// <summary>
/// <see cref="DatePartPredicate"/> as a script query: no index holds "month of jd", so each candidate document computes
/// it from its JD, with the same millisecond rounding as <see cref="DateParts.Of"/> and SQLite. A missing JD only
/// satisfies <c>ne</c>, as in the evaluator.
/// </summary>
public static class DatePartDsl
{
    public const string PartScript =
        "def values = doc[params.field]; " +
        "if (values.size() == 0) { return params.op == 'ne'; } " +
        "long ms = (long)(values.value * 86400000.0 + 0.5) - params.epoch; " +
        "ZonedDateTime t = Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC); " +
        "long v = params.part == 'month' ? t.getMonthValue() : params.part == 'day' ? t.getDayOfMonth() " +
        ": params.part == 'hour' ? t.getHour() : params.part == 'minute' ? t.getMinute() : t.getSecond(); " +
        "long c = ((Number)params.value).longValue(); " +
        "if (params.op == 'eq') { return v == c; } if (params.op == 'ne') { return v != c; } " +
        "if (params.op == 'lt') { return v < c; } if (params.op == 'le') { return v <= c; } " +
        "if (params.op == 'gt') { return v > c; } return v >= c;";

    public static JsonObject Script(string field, DatePartPredicate part) => new()
    {
        ["script"] = new JsonObject
        {
            ["script"] = new JsonObject
            {
                ["source"] = PartScript,
                ["lang"] = "painless",
                ["params"] = new JsonObject
                {
                    ["field"] = field,
                    ["part"] = part.Part.ToString().ToLowerInvariant(),
                    ["op"] = part.Op.ToString().ToLowerInvariant(),
                    ["value"] = part.Value,
                    ["epoch"] = DateParts.UnixEpochJdMilliseconds,
                },
            },
        },
    };
}
