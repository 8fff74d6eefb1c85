using System.Text.Json.Nodes;
using FinkTom.Core.Model;
using FinkTom.Store.Elasticsearch;
using FinkTom.Store.Elasticsearch.Mapping;

namespace FinkTom.Tests.Elasticsearch;

/// <summary>The index templates and names FinkTom installs: explicit, strict mappings; time-based indices behind aliases.</summary>
public sealed class IndexTemplateTests
{
    private static readonly ElasticsearchStoreOptions Options = new() { IndexPrefix = "ztf", Shards = 3, CutoutShards = 8, Replicas = 1 };
    private static readonly IndexLayout Layout = new("ztf", IndexPeriod.Month);

    private static JsonObject Properties(JsonObject template) => template["template"]!["mappings"]!["properties"]!.AsObject();

    [Fact]
    public void Every_catalogue_column_is_mapped_with_its_type_and_nothing_is_left_to_dynamic_mapping()
    {
        var template = IndexTemplates.Alerts(Layout, Options);
        var properties = Properties(template);

        Assert.Equal("strict", (string?)template["template"]!["mappings"]!["dynamic"]);
        foreach (var column in ColumnCatalog.Stored)
        {
            var expected = column.Type switch
            {
                ColumnType.Int => "integer",
                ColumnType.Long => "long",
                ColumnType.Float => "float",
                ColumnType.Double => "double",
                ColumnType.Bool => "boolean",
                _ => "keyword",
            };
            Assert.Equal(expected, (string?)properties[column.SafeName]!["type"]);
        }
        Assert.Equal(ColumnCatalog.Stored.Count + 4, properties.Count); // + pos, sx, sy, sz
    }

    [Fact]
    public void Ids_classes_and_sso_names_are_keywords_and_the_position_a_geo_point()
    {
        var properties = Properties(IndexTemplates.Alerts(Layout, Options));

        foreach (var field in new[] { "i_objectId", "d_classification", "d_tns", "i_ssnamenr", "d_cdsxmatch" })
            Assert.Equal("keyword", (string?)properties[field]!["type"]);
        Assert.Equal("long", (string?)properties["i_candid"]!["type"]);
        Assert.Equal("geo_point", (string?)properties["pos"]!["type"]);
        foreach (var axis in new[] { "sx", "sy", "sz" })
        {
            Assert.Equal("double", (string?)properties[axis]!["type"]);
            Assert.False((bool)properties[axis]!["index"]!); // doc values only, read by the cone script
        }
    }

    [Fact]
    public void Each_kind_has_its_pattern_alias_settings_and_schema_version()
    {
        foreach (var (template, alias) in new[]
        {
            (IndexTemplates.Alerts(Layout, Options), "ztf-alerts"),
            (IndexTemplates.History(Layout, Options), "ztf-history"),
            (IndexTemplates.Cutouts(Layout, Options), "ztf-cutouts"),
        })
        {
            Assert.Equal(alias + "-*", (string?)template["index_patterns"]![0]);
            Assert.True(template["template"]!["aliases"]!.AsObject().ContainsKey(alias));
            Assert.Equal(alias == "ztf-cutouts" ? 8 : 3, (int)template["template"]!["settings"]!["number_of_shards"]!);
            Assert.Equal(1, (int)template["template"]!["settings"]!["number_of_replicas"]!);
            Assert.Equal(IndexTemplates.SchemaVersion, (int)template["_meta"]!["schema_version"]!);
            Assert.Equal("strict", (string?)template["template"]!["mappings"]!["dynamic"]);
        }
    }

    [Fact]
    public void Cutouts_are_stored_as_binary_not_indexed_and_compressed_harder()
    {
        var template = IndexTemplates.Cutouts(Layout, Options);
        var properties = Properties(template);

        foreach (var stamp in new[] { "science", "template", "difference" })
            Assert.Equal("binary", (string?)properties[stamp]!["type"]);
        Assert.Equal("best_compression", (string?)template["template"]!["settings"]!["codec"]);
        Assert.Null(IndexTemplates.Alerts(Layout, Options)["template"]!["settings"]!["codec"]);
    }

    [Fact]
    public void History_points_have_typed_fields()
    {
        var properties = Properties(IndexTemplates.History(Layout, Options));

        Assert.Equal("keyword", (string?)properties["object_id"]!["type"]);
        Assert.Equal("double", (string?)properties["jd"]!["type"]);
        Assert.Equal("integer", (string?)properties["fid"]!["type"]);
        Assert.Equal("float", (string?)properties["magpsf"]!["type"]);
        Assert.Equal("long", (string?)properties["candid"]!["type"]);
    }

    [Theory]
    [InlineData(2460236.5, IndexPeriod.Month, "ztf-alerts-2023.10")] // 2023-10-19 00:00 UTC
    [InlineData(2460236.49, IndexPeriod.Day, "ztf-alerts-2023.10.18")]
    [InlineData(2460236.5, IndexPeriod.Day, "ztf-alerts-2023.10.19")]
    [InlineData(2458849.5, IndexPeriod.Month, "ztf-alerts-2020.01")] // 2020-01-01 00:00 UTC
    [InlineData(2458849.4999, IndexPeriod.Month, "ztf-alerts-2019.12")]
    public void Alerts_go_to_the_index_of_their_observation_period(double jd, IndexPeriod period, string index)
    {
        Assert.Equal(index, new IndexLayout("ztf", period).AlertsIndex(jd));
    }

    [Fact]
    public void An_alert_without_a_usable_date_is_refused_rather_than_misfiled()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Layout.AlertsIndex(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Layout.AlertsIndex(0));
    }

    [Fact]
    public void Positions_map_RA_to_longitude_in_minus_180_to_180()
    {
        Assert.Equal(0, AlertDocuments.Longitude(0));
        Assert.Equal(180, AlertDocuments.Longitude(180));
        Assert.Equal(-179.5, AlertDocuments.Longitude(180.5));
        Assert.Equal(-1e-6, AlertDocuments.Longitude(359.999999), 12);
    }

    [Fact]
    public void Object_summaries_have_their_own_strict_template_with_typed_columns_and_the_mean_position()
    {
        var template = IndexTemplates.Objects(Layout, Options);
        var properties = Properties(template);

        Assert.Equal("ztf-objects-*", (string?)template["index_patterns"]![0]);
        Assert.True(template["template"]!["aliases"]!.AsObject().ContainsKey("ztf-objects"));
        Assert.StartsWith("ztf-objects-", Layout.ObjectsIndex);
        Assert.Equal("strict", (string?)template["template"]!["mappings"]!["dynamic"]);
        Assert.Equal(FinkTom.Core.Query.ObjectColumns.All.Count + 1, properties.Count); // + pos
        Assert.Equal("keyword", (string?)properties["objectId"]!["type"]);
        Assert.Equal("keyword", (string?)properties["classification"]!["type"]);
        Assert.Equal("double", (string?)properties["lastjd"]!["type"]);
        Assert.Equal("integer", (string?)properties["nalerts"]!["type"]);
        Assert.Equal("long", (string?)properties["lastcandid"]!["type"]);
        Assert.Equal("float", (string?)properties["lastmag_g"]!["type"]);
        Assert.Equal("geo_point", (string?)properties["pos"]!["type"]);
        Assert.Contains("ztf-objects", Layout.AllAliases.Split(','));
    }

    [Fact]
    public void A_summary_takes_the_latest_alert_by_jd_then_candid_and_each_band_its_latest_magnitude()
    {
        var a = FinkTom.Tests.Support.TestAlerts.Make(10, "ZTF99tie", 2459000.5, 359.999, 10, magpsf: 18f, fid: 1, cdsxmatch: "QSO", ndethist: 3, jdstarthist: 2458990.5);
        var b = FinkTom.Tests.Support.TestAlerts.Make(11, "ZTF99tie", 2459000.5, 0.001, 10, magpsf: 17f, fid: 1, cdsxmatch: "RRLyr", ndethist: 4, jdstarthist: 2459000.5);
        var c = FinkTom.Tests.Support.TestAlerts.Make(5, "ZTF99tie", 2458999.5, 0, 10, fid: 2, cdsxmatch: "EB*");
        c["i:magpsf"] = null; // no magnitude: not the band's latest
        c["i:jdstarthist"] = null; // first detection then falls back to its jd

        foreach (var order in new[] { new[] { a, b, c }, [c, b, a] })
        {
            var summary = ObjectDocuments.Summarise(order);

            Assert.Equal(11, summary.LastCandid); // same jd: the larger candid
            Assert.Equal("RRLyr", summary.Classification);
            Assert.Equal(4, summary.NDetHist);
            Assert.Equal((17f, 2459000.5), (summary.LastMagG, summary.LastJdG));
            Assert.Null(summary.LastMagR);
            Assert.Null(summary.LastJdR);
            Assert.Equal(3, summary.Alerts);
            Assert.Equal(2458990.5, summary.FirstJd);
            Assert.True(summary.Ra is < 1e-9 or > 360 - 1e-9, $"mean RA across 0/360: {summary.Ra}");
        }
    }
}
