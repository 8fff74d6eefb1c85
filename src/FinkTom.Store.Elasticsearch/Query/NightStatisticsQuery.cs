using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FinkTom.Core.Model;
using FinkTom.Core.Science;
using FinkTom.Core.Statistics;
using FinkTom.Core.Time;
using FinkTom.Store.Elasticsearch.Api;
using FinkTom.Store.Elasticsearch.Mapping;

namespace FinkTom.Store.Elasticsearch.Query;

/// <summary>
/// /api/v1/statistics on Elasticsearch: one aggregation over the alerts of the requested nights (a <c>jd</c> range),
/// bucketed by UTC day (a histogram on <c>jd</c> with interval 1 and offset 0.5), with the counters of
/// <see cref="NightCounters"/> as sub-aggregations. Its cost grows with the alerts of the nights asked for, where the
/// embedded store reads finished counters; exposures and fields are <c>cardinality</c> counts, exact below 40,000 a night.
/// </summary>
public static class NightStatisticsQuery
{
    private const int ExactBelow = 40_000;

    public static JsonObject Body(string nightPrefix)
    {
        var body = new JsonObject { ["size"] = 0 };
        if (Range(nightPrefix) is var (start, stop))
            body["query"] = Dsl.Range(AlertSearch.JdField, gte: start, lt: stop);
        var sci = new JsonObject
        {
            ["filter"] = new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["filter"] = new JsonArray(
                        Dsl.Range(Field("i:rb"), gte: 0.55),
                        Dsl.Term(Field("i:nbad"), 0)),
                },
            },
            ["aggs"] = new JsonObject
            {
                ["n_g"] = new JsonObject { ["filter"] = Dsl.Term(Field("i:fid"), 1) },
                ["n_r"] = new JsonObject { ["filter"] = Dsl.Term(Field("i:fid"), 2) },
                ["exposures"] = Cardinality(AlertSearch.JdField),
                ["fields"] = Cardinality(Field("i:field")),
                ["classes"] = new JsonObject { ["terms"] = new JsonObject { ["field"] = ColumnCatalog.Classification.SafeName, ["size"] = 10_000 } },
                ["simbad_gal"] = new JsonObject { ["filter"] = Terms(FinkClassifier.ExtragalacticCompatible) },
                ["simbad_tot"] = new JsonObject
                {
                    ["filter"] = new JsonObject
                    {
                        ["bool"] = new JsonObject
                        {
                            ["filter"] = new JsonArray(Dsl.Exists(Field("d:cdsxmatch"))),
                            ["must_not"] = new JsonArray(Terms(FinkClassifier.NotSimbadLabels)),
                        },
                    },
                },
            },
        };
        body["aggs"] = new JsonObject
        {
            ["nights"] = new JsonObject
            {
                ["histogram"] = new JsonObject { ["field"] = AlertSearch.JdField, ["interval"] = 1, ["offset"] = 0.5, ["min_doc_count"] = 1 },
                ["aggs"] = new JsonObject { ["sci"] = sci },
            },
        };
        return body;
    }

    public static async Task<IReadOnlyList<NightStatistics>> RunAsync(ElasticsearchCalls calls, IndexLayout layout, string nightPrefix,
        CancellationToken cancellationToken)
    {
        var response = await calls.SearchAsync(layout.AlertsAlias, Body(nightPrefix), cancellationToken).ConfigureAwait(false);
        if (response.Aggregations is null)
            return [];
        var nights = new List<NightStatistics>();
        foreach (var bucket in ElasticsearchCalls.Aggregation(response, "nights").GetProperty("buckets").EnumerateArray())
        {
            var counts = new Dictionary<string, long>(StringComparer.Ordinal) { [NightCounters.Raw] = bucket.GetProperty("doc_count").GetInt64() };
            var sci = bucket.GetProperty("sci");
            counts[NightCounters.Sci] = sci.GetProperty("doc_count").GetInt64();
            counts["basic:n_g"] = sci.GetProperty("n_g").GetProperty("doc_count").GetInt64();
            counts["basic:n_r"] = sci.GetProperty("n_r").GetProperty("doc_count").GetInt64();
            counts[NightCounters.Exposures] = sci.GetProperty("exposures").GetProperty("value").GetInt64();
            counts[NightCounters.Fields] = sci.GetProperty("fields").GetProperty("value").GetInt64();
            foreach (var cls in sci.GetProperty("classes").GetProperty("buckets").EnumerateArray())
                counts["class:" + cls.GetProperty("key").GetString()] = cls.GetProperty("doc_count").GetInt64();
            counts["class:simbad_tot"] = sci.GetProperty("simbad_tot").GetProperty("doc_count").GetInt64();
            counts["class:simbad_gal"] = sci.GetProperty("simbad_gal").GetProperty("doc_count").GetInt64();
            // A counter the embedded store never created (nothing counted) is absent there too.
            foreach (var zero in counts.Where(c => c.Value == 0 && c.Key != NightCounters.Raw).Select(c => c.Key).ToList())
                counts.Remove(zero);
            var dayStart = bucket.GetProperty("key").GetDouble();
            nights.Add(new NightStatistics(NightCounters.NightOf(dayStart + 0.5), counts));
        }
        return nights;
    }

    /// <summary>The JD range of the UTC dates a <c>YYYY[MM[DD]]</c> prefix covers; null for "" (every night).</summary>
    private static (double Start, double Stop)? Range(string prefix)
    {
        if (prefix.Length == 0)
            return null;
        var day = prefix.Length switch { 4 => prefix + "0101", 6 => prefix + "01", _ => prefix };
        var start = DateTime.ParseExact(day, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        var stop = prefix.Length switch { 4 => start.AddYears(1), 6 => start.AddMonths(1), _ => start.AddDays(1) };
        return (JulianDate.FromDateTime(start), JulianDate.FromDateTime(stop));
    }

    private static string Field(string name) => ColumnCatalog.Get(name).SafeName;

    private static JsonObject Cardinality(string field) =>
        new() { ["cardinality"] = new JsonObject { ["field"] = field, ["precision_threshold"] = ExactBelow } };

    private static JsonObject Terms(IEnumerable<string> labels) =>
        new() { ["terms"] = new JsonObject { [Field("d:cdsxmatch")] = new JsonArray([.. labels.Order(StringComparer.Ordinal).Select(l => (JsonNode)l)]) } };
}
