using System.Text.Json.Serialization;

namespace FinkTom.Core.Api;

/// <summary>
/// The error body of every FinkTom endpoint (the Fink REST API and the livestreams): Fink's <c>{"status": "error", "text": ...}</c> as real JSON (Fink sends a
/// Python repr), plus the offending parameter's name when there is one.
/// </summary>
public sealed record FinkError(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("parameter"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Parameter = null)
{
    [JsonPropertyName("status")]
    public string Status => "error";

    /// <summary>The documented parameters, listed when a request names none (Fink's old API did the same with GET).</summary>
    [JsonPropertyName("args"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<ParameterHelp>? Args { get; init; }
}

public sealed record ParameterHelp(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("required")] bool Required,
    [property: JsonPropertyName("description")] string Description);
