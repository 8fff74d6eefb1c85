using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using Parquet;

namespace FinkTom.Tests.Contracts;

/// <summary>Sends a contract example to the server (GET query string or POST JSON body) and checks the answer against the contract.</summary>
public static class ContractCalls
{
    public static Task<HttpResponseMessage> Send(HttpClient client, ContractOperation operation, JsonObject values, bool asGet) => asGet
        ? client.GetAsync(operation.Path + (values.Count == 0 ? "" : "?" + string.Join("&",
            values.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(AsQueryText(p.Value))}"))))
        : client.PostAsync(operation.Path, new StringContent(values.ToJsonString(), Encoding.UTF8, "application/json"));

    /// <summary>A JSON example value as a query string writes it: text as is, numbers invariant, booleans true/false.</summary>
    public static string AsQueryText(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        _ => value.ToJsonString(),
    };

    /// <summary>Asserts a documented success: status 200, a documented content type (the one output-format names), and a body
    /// that follows the documented schema (JSON) or format (CSV, VOTable, Parquet, PNG, FITS) with documented columns only.</summary>
    public static async Task<string> AssertSuccess(ContractOperation operation, JsonObject values, HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"{operation} {values.ToJsonString()}: HTTP {(int)response.StatusCode} {text}");
        var documented = operation.Responses(200);
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
        Assert.True(documented.ContainsKey(mediaType), $"{operation}: undocumented content type {mediaType}");
        if (ExpectedMediaType(operation, values) is { } expected)
            Assert.Equal(expected, mediaType);

        var document = operation.Document;
        var columns = operation.TableColumns ?? new HashSet<string>(ColumnsOf(text, mediaType));
        switch (mediaType)
        {
            case "application/json":
                var errors = document.Validate(documented[mediaType], text);
                Assert.True(errors.Count == 0, $"{operation} {values.ToJsonString()} does not follow the contract:\n{string.Join("\n", errors)}");
                if (JsonNode.Parse(text) is JsonArray rows)
                    foreach (var row in rows)
                        Assert.Empty(row!.AsObject().Select(p => p.Key).Except(columns));
                break;
            case "application/csv":
                Assert.Empty(text.Split('\n')[0].TrimEnd('\r').Split(',').Except(columns));
                break;
            case "text/xml":
                // name = the Fink column; ID = its XML-safe form (i:ra → i_ra), as astropy writes it.
                var fields = XDocument.Parse(text).Descendants().Where(e => e.Name.LocalName == "FIELD").ToList();
                Assert.NotEmpty(fields);
                Assert.Empty(fields.Select(f => (string)f.Attribute("name")!).Except(columns));
                Assert.All(fields, f => Assert.Equal(((string)f.Attribute("name")!).Replace(':', '_'), (string)f.Attribute("ID")!));
                break;
            case "application/vnd.apache.parquet":
                await using (var reader = await ParquetReader.CreateAsync(new MemoryStream(bytes)))
                    Assert.Empty(reader.Schema.GetDataFields().Select(f => f.Name).Except(columns));
                break;
            case "image/png":
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
                break;
            case "application/octet-stream":
                Assert.StartsWith("SIMPLE  =", Encoding.ASCII.GetString(bytes, 0, 30));
                Assert.Equal(0, bytes.Length % 2880); // FITS files are whole 2880-byte blocks
                break;
        }
        return text;
    }

    /// <summary>The media type the contract maps the request's output-format to (x-content-types), default included.</summary>
    private static string? ExpectedMediaType(ContractOperation operation, JsonObject values)
    {
        if (operation.Parameters.FirstOrDefault(p => p.Name == "output-format") is not { } format
            || format.Schema["x-content-types"] is not JsonObject types)
            return null;
        var value = values["output-format"] is { } v ? AsQueryText(v) : format.Schema["default"]!.GetValue<string>();
        return types[value]!.GetValue<string>();
    }

    /// <summary>Asserts a documented error: the status, JSON following FinkError, naming <paramref name="parameter"/>.</summary>
    public static async Task<string> AssertError(ContractOperation operation, HttpResponseMessage response, int status, string? parameter)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"{operation}: expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.True(operation.Responses(status).TryGetValue("application/json", out var schema), $"{operation}: {status} is not documented");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var errors = operation.Document.Validate(schema, body);
        Assert.True(errors.Count == 0, $"{operation}: error body does not follow FinkError: {string.Join("; ", errors)}\n{body}");
        var error = await response.Content.ReadFromJsonAsync<JsonObject>();
        if (parameter is not null)
            Assert.Equal(parameter, error!["parameter"]?.GetValue<string>());
        return error!["text"]!.GetValue<string>();
    }

    /// <summary>Values the contract's schema rules out, each with what makes it invalid.</summary>
    // A table with its own column names is checked against the schema only: its names are taken as they come.
    private static IEnumerable<string> ColumnsOf(string text, string mediaType) => mediaType switch
    {
        "application/json" when JsonNode.Parse(text) is JsonArray rows => rows.SelectMany(r => r!.AsObject().Select(p => p.Key)),
        "application/csv" => text.Split('\n')[0].TrimEnd('\r').Split(','),
        "text/xml" => XDocument.Parse(text).Descendants().Where(e => e.Name.LocalName == "FIELD").Select(f => (string)f.Attribute("name")!),
        _ => [],
    };

    public static IEnumerable<(string Value, string Why)> InvalidValues(ContractParameter parameter)
    {
        var s = parameter.Schema;
        if (s["x-presence-flag"] is not null)
            yield break;
        if (s["enum"] is JsonArray allowed)
            yield return parameter.Type == "boolean"
                ? (allowed.Any(a => a!.GetValue<bool>()) ? "False" : "True", "not in enum")
                : ("NotADocumentedValue", "not in enum");
        switch (parameter.Type)
        {
            case "integer":
                yield return ("1.5", "not an integer");
                break;
            case "number":
                yield return ("abc", "not a number");
                break;
            case "boolean" when s["enum"] is null:
                yield return ("maybe", "not a boolean");
                break;
        }
        if (s["maximum"] is { } max)
            yield return (Invariant(Number(max) + Math.Max(1, Number(max))), "above maximum");
        if (s["minimum"] is { } min)
            yield return (Invariant(Number(min) - 1), "below minimum");
        if (s["exclusiveMinimum"] is { } exclusive)
            yield return (Invariant(Number(exclusive)), "not above exclusiveMinimum");
        if (s["pattern"] is not null)
            yield return ("not-a-number", "does not match pattern");
        switch (s["x-value-kind"]?.GetValue<string>())
        {
            case "date": yield return ("not-a-date", "not a date"); break;
            case "angle": yield return ("north", "not an angle"); break;
            case "columns": yield return ("i:jd,i:nosuchcolumn", "unknown column"); break;
            case "class": yield return ("No such class", "unknown class"); break;
        }
    }

    private static double Number(JsonNode node) => double.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    private static string Invariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
