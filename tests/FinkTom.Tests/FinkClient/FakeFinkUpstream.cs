using System.Text.Json.Nodes;
using FinkTom.Tests.Contracts;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace FinkTom.Tests.FinkClient;

/// <summary>
/// A MOCK of Fink's public API (WireMock.Net on loopback): the real upstream cannot be reached from here. Its JSON
/// answers are checked against the contract before they are served, so the client is tested against answers
/// shaped exactly as contracts/fink-api.openapi.yaml documents them; its errors are Fink's (Python repr, text/html).
/// </summary>
public sealed class FakeFinkUpstream : IDisposable
{
    private static readonly ContractDocument Contract = ContractDocument.Load();

    public WireMockServer Server { get; } = WireMockServer.Start();

    public Uri BaseAddress => new(Server.Url!);

    /// <summary>Answers POST <paramref name="path"/> with JSON that must follow the contract's 200 schema for it.</summary>
    public void AnswerJson(string path, string json, string method = "POST")
    {
        var schema = Contract.Operation(path, method).Responses(200)["application/json"];
        var errors = Contract.Validate(schema, json);
        Assert.True(errors.Count == 0, $"The fake upstream's answer for {path} breaks the contract:\n{string.Join("\n", errors)}");
        Answer(path, 200, "application/json", System.Text.Encoding.UTF8.GetBytes(json), method);
    }

    public void Answer(string path, int status, string contentType, byte[] body, string method = "POST", TimeSpan? delay = null,
        string? disposition = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body);
        if (disposition is not null)
            response = response.WithHeader("Content-Disposition", disposition);
        if (delay is not null)
            response = response.WithDelay(delay.Value);
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(response);
    }

    /// <summary>The JSON body of the last request to <paramref name="path"/>.</summary>
    public JsonObject LastBody(string path) =>
        JsonNode.Parse(Server.LogEntries.Last(e => e.RequestMessage.Path == path).RequestMessage.Body!)!.AsObject();

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }
}
