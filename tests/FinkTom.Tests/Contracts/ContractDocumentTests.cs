using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace FinkTom.Tests.Contracts;

/// <summary>The contract document itself: valid OpenAPI 3.1, consistent between GET and POST, every parameter exemplified.</summary>
public sealed class ContractDocumentTests
{
    private readonly ContractDocument _contract = ContractDocument.Load();

    [Fact]
    public void Is_a_valid_openapi_3_1_document()
    {
        var result = OpenApiModelFactory.Parse(_contract.Json, "json", new OpenApiReaderSettings());

        Assert.True(result.Diagnostic!.Errors.Count == 0, string.Join("\n", result.Diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
        var errors = result.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())?.ToList() ?? [];
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Pointer}: {e.Message}")));
        Assert.Equal(17, result.Document!.Paths.Count);
    }

    [Fact]
    public void Every_reference_resolves_and_every_schema_compiles()
    {
        var resolved = _contract.Resolve(_contract.Root);
        Assert.DoesNotContain("\"$ref\"", resolved.ToJsonString());
        foreach (var (name, _) in _contract.Root["components"]!["schemas"]!.AsObject())
            Assert.NotNull(_contract.Validator(_contract.Schema(name)));
    }

    public static TheoryData<string> DataPaths() =>
        new(ContractDocument.Load().Operations.Where(o => o.Method == "POST").Select(o => o.Path));

    [Theory]
    [MemberData(nameof(DataPaths))]
    public void Get_query_parameters_and_post_body_properties_are_the_same(string path)
    {
        var get = _contract.Operation(path, "GET").Parameters;
        var post = _contract.Operation(path, "POST").Parameters;
        Assert.Equal(get.Select(p => (p.Name, p.Required, p.Type)).Order(), post.Select(p => (p.Name, p.Required, p.Type)).Order());
    }

    [Theory]
    [MemberData(nameof(DataPaths))]
    public void Every_parameter_appears_in_an_example_request_that_fits_the_body_schema(string path)
    {
        var post = _contract.Operation(path, "POST");
        Assert.NotEmpty(post.Examples);
        var used = post.Examples.SelectMany(e => e.Value.Select(p => p.Key)).ToHashSet();
        Assert.Empty(post.Parameters.Select(p => p.Name).Except(used));
        foreach (var (name, value) in post.Examples)
        {
            // Query-string style text ("5") is as valid as a JSON number, so check names and requirements only here.
            var missing = post.Parameters.Where(p => p.Required && !value.ContainsKey(p.Name)).Select(p => p.Name);
            Assert.True(!missing.Any() || path == "/api/v1/explorer", $"{path} example {name} lacks {string.Join(", ", missing)}");
            Assert.Empty(value.Select(p => p.Key).Except(post.Parameters.Select(p => p.Name)));
        }
    }

    [Fact]
    public void Every_json_answer_and_error_has_a_schema()
    {
        foreach (var operation in _contract.Operations)
        {
            Assert.Contains(200, operation.Statuses);
            foreach (var status in operation.Statuses)
                Assert.All(operation.Responses(status), c => Assert.True(c.Value.Count > 0, $"{operation} {status} {c.Key}"));
            if (operation.Parameters.Count > 0)
                Assert.Equal(_contract.Schema("FinkError").ToJsonString(), operation.Responses(400)["application/json"].ToJsonString());
        }
    }

    [Fact]
    public void Yaml_scalars_are_read_with_the_yaml_1_2_core_schema()
    {
        var node = YamlJson.Parse("a: 5\nb: '5'\nc: 2.5\nd: true\ne: null\nf: 2019-10-01\ng: [x, 'y']\n")!;
        Assert.Equal("""{"a":5,"b":"5","c":2.5,"d":true,"e":null,"f":"2019-10-01","g":["x","y"]}""", node.ToJsonString());
        Assert.Throws<FormatException>(() => YamlJson.Parse("a: 1\na: 2\n"));
    }
}
