using System.Text.Json.Nodes;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Contracts;

/// <summary>The contract's column catalogue (AlertRecord) against what the server lists (/schema) and answers.</summary>
[Collection(ApiCollection.Name)]
public sealed class ColumnCatalogueContractTests(FinkTomFactory factory)
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private readonly HttpClient _client = factory.CreateClient();
    private static JsonObject Columns => Contract.Schema("AlertRecord")["properties"]!.AsObject();

    private static readonly Dictionary<string, string> Prefixes = new()
    {
        ["ZTF original fields (i:)"] = "i:",
        ["ZTF original cutouts (b:)"] = "b:",
        ["Fink science module outputs (d:)"] = "d:",
        ["Fink on-the-fly added values (v:)"] = "v:",
    };

    private static readonly Dictionary<string, (string Type, string? Format)> AvroToJson = new()
    {
        ["int"] = ("integer", "int32"), ["long"] = ("integer", "int64"), ["float"] = ("number", "float"),
        ["double"] = ("number", "double"), ["string"] = ("string", null), ["boolean"] = ("boolean", null), ["array"] = ("array", null),
    };

    [Fact]
    public async Task Every_column_the_server_lists_is_documented_with_its_type_and_nullability()
    {
        var schema = JsonNode.Parse(await _client.GetStringAsync("/api/v1/schema"))!.AsObject();
        var listed = new HashSet<string>();
        foreach (var (family, fields) in schema)
            foreach (var (field, info) in fields!.AsObject())
            {
                var name = Prefixes[family] + field;
                listed.Add(name);
                Assert.True(Columns.ContainsKey(name), $"{name} is listed by /api/v1/schema but not documented");
                var documented = Columns[name]!.AsObject();
                var avro = info!["type"]!;
                var (type, format) = AvroToJson[avro is JsonArray union ? union.Select(t => t!.GetValue<string>()).Single(t => t != "null") : avro.GetValue<string>()];
                var documentedTypes = documented["type"] is JsonArray many ? many.Select(t => t!.GetValue<string>()).ToList() : [documented["type"]!.GetValue<string>()];
                Assert.True(documentedTypes.Contains(type), $"{name}: {type} on the server, {string.Join("|", documentedTypes)} in the contract");
                Assert.Equal(format, documented["format"]?.GetValue<string>());
                if (family == "ZTF original fields (i:)")
                {
                    // The contract may allow null where FinkTom writes it and Fink does not, but then it says why.
                    var serverNullable = avro is JsonArray;
                    var contractNullable = documentedTypes.Contains("null");
                    Assert.True(serverNullable == contractNullable || (contractNullable && documented["x-fink-differs"] is not null),
                        $"{name}: nullable {serverNullable} on the server, {contractNullable} in the contract");
                }
            }

        // Documented but not listed: only the index-only class, the query-time extras, and /sso's unprefixed columns.
        Assert.Equal(["d:classification", "sso_name", "sso_number", "v:constellation", "v:jdstartgw", "v:separation_degree"],
            Columns.Select(c => c.Key).Except(listed).Order());
    }

    [Fact]
    public async Task A_full_object_answer_has_exactly_the_documented_alert_columns()
    {
        var row = JsonNode.Parse(await _client.GetStringAsync("/api/v1/objects?objectId=ZTF18aaadweo"))!.AsArray()[0]!.AsObject();
        var expected = Columns.Select(c => c.Key)
            .Where(c => c.StartsWith("i:") || c.StartsWith("d:") || c.StartsWith("v:"))
            .Except(["d:classification", "d:tag", "v:separation_degree", "v:jdstartgw", "v:constellation"]);
        Assert.Equal(expected.Order(), row.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task A_cone_search_answers_the_documented_index_columns_in_order()
    {
        var documented = Contract.Root["components"]!["responses"]!["ConeTable"]!["x-default-columns"]!.AsArray().Select(c => c!.GetValue<string>());
        var rows = JsonNode.Parse(await _client.GetStringAsync("/api/v1/conesearch?ra=289.8937586&dec=61.8469285&radius=5"))!.AsArray();
        Assert.Equal(documented, rows.Single()!.AsObject().Select(p => p.Key));
    }
}
