using System.Text.Json.Nodes;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Contracts;

/// <summary>
/// Every documented path and parameter, exercised on the running server: each example request of the contract
/// (GET and POST) is answered as documented, and every value the contract rules out, every missing required
/// parameter and every undocumented one is refused with a 400 that names it.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ContractExampleTests(FinkTomFactory factory)
{
    private static readonly ContractDocument Contract = ContractDocument.Load();
    private readonly HttpClient _client = factory.CreateClient();

    public static TheoryData<string, string> Examples()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in Contract.Operations.Where(o => o.Method == "POST"))
            foreach (var (name, _) in operation.Examples)
                data.Add(operation.Path, name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Each_example_is_answered_as_documented_by_get_and_by_post(string path, string example)
    {
        var values = Contract.Operation(path, "POST").Examples.Single(e => e.Name == example).Value;
        if (Contract.Operation(path, "POST").NeedsUpstream)
        {
            // Without proxy mode, a 404 that says an online service is needed, by POST and by GET alike.
            await ContractCalls.AssertError(Contract.Operation(path, "POST"), await ContractCalls.Send(_client, Contract.Operation(path, "POST"), values, asGet: false), 404, null);
            await ContractCalls.AssertError(Contract.Operation(path, "GET"), await ContractCalls.Send(_client, Contract.Operation(path, "GET"), values, asGet: true), 404, null);
            return;
        }

        var viaPost = await ContractCalls.AssertSuccess(Contract.Operation(path, "POST"), values,
            await ContractCalls.Send(_client, Contract.Operation(path, "POST"), values, asGet: false));
        var viaGet = await ContractCalls.AssertSuccess(Contract.Operation(path, "GET"), values,
            await ContractCalls.Send(_client, Contract.Operation(path, "GET"), values, asGet: true));

        if (values["output-format"]?.ToString() is null or "json" or "csv" or "array")
            Assert.Equal(viaGet, viaPost);
    }

    [Theory]
    [InlineData("/api/v1/classes")]
    [InlineData("/api/v1/schema")]
    [InlineData("/api/v1/columns")]
    public async Task Parameterless_endpoints_answer_as_documented(string path)
    {
        var operation = Contract.Operation(path, "GET");
        await ContractCalls.AssertSuccess(operation, [], await _client.GetAsync(path));
    }

    public static TheoryData<string, string, string, string> InvalidValues()
    {
        var data = new TheoryData<string, string, string, string>();
        foreach (var operation in Contract.Operations.Where(o => o.Method == "POST"))
            foreach (var parameter in operation.Parameters)
                foreach (var (value, why) in ContractCalls.InvalidValues(parameter))
                    data.Add(operation.Path, parameter.Name, value, why);
        return data;
    }

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task A_value_the_contract_rules_out_is_refused_naming_the_parameter(string path, string parameter, string value, string why)
    {
        var get = Contract.Operation(path, "GET");
        var values = Contract.Operation(path, "POST").Examples.First(e => e.Value.ContainsKey(parameter)).Value.DeepClone().AsObject();
        values[parameter] = value;

        var text = await ContractCalls.AssertError(get, await ContractCalls.Send(_client, get, values, asGet: true), 400, parameter);
        Assert.False(string.IsNullOrWhiteSpace(text), why);
    }

    public static TheoryData<string, string> RequiredParameters()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in Contract.Operations.Where(o => o.Method == "GET"))
            foreach (var parameter in operation.Parameters.Where(p => p.Required))
                data.Add(operation.Path, parameter.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(RequiredParameters))]
    public async Task A_missing_required_parameter_is_refused_naming_it(string path, string parameter)
    {
        var post = Contract.Operation(path, "POST");
        var values = post.Examples[0].Value.DeepClone().AsObject();
        values.Remove(parameter);

        await ContractCalls.AssertError(post, await ContractCalls.Send(_client, post, values, asGet: false), 400, parameter);
    }

    public static TheoryData<string> DataPaths() => new(Contract.Operations.Where(o => o.Method == "POST").Select(o => o.Path));

    [Theory]
    [MemberData(nameof(DataPaths))]
    public async Task An_undocumented_parameter_is_refused_naming_it(string path)
    {
        var get = Contract.Operation(path, "GET");
        var values = Contract.Operation(path, "POST").Examples[0].Value.DeepClone().AsObject();
        values["sortby"] = "i:jd";

        await ContractCalls.AssertError(get, await ContractCalls.Send(_client, get, values, asGet: true), 400, "sortby");
    }

    [Theory]
    [MemberData(nameof(DataPaths))]
    public async Task A_request_without_parameters_lists_the_documented_ones(string path)
    {
        var get = Contract.Operation(path, "GET");
        var response = await _client.GetAsync(path);
        if (get.Parameters.All(p => !p.Required))
        {
            if (path is "/api/v1/explorer" or "/api/v1/tracklet")
                await ContractCalls.AssertError(get, response, 400, null); // needs one of its search groups
            else if (get.NeedsUpstream)
                await ContractCalls.AssertError(get, response, 404, null); // Fink's table, not here
            else
                Assert.Equal(200, (int)response.StatusCode); // /anomaly: every parameter has a default
            return;
        }
        await ContractCalls.AssertError(get, response, 400, get.Parameters.First(p => p.Required).Name);
        var args = JsonNode.Parse(await (await _client.GetAsync(path)).Content.ReadAsStringAsync())!["args"]!.AsArray();
        Assert.Equal(get.Parameters.Select(p => (p.Name, p.Required)),
            args.Select(a => (a!["name"]!.GetValue<string>(), a["required"]!.GetValue<bool>())));
    }

    [Fact]
    public async Task An_unknown_object_or_alert_on_cutouts_is_a_documented_404()
    {
        var get = Contract.Operation("/api/v1/cutouts", "GET");
        await ContractCalls.AssertError(get, await _client.GetAsync("/api/v1/cutouts?objectId=ZTF00aaaaaaa&kind=Science"), 404, "objectId");
        await ContractCalls.AssertError(get, await _client.GetAsync("/api/v1/cutouts?objectId=ZTF19acihgng&kind=Science&candid=1"), 404, "candid");
    }
}
