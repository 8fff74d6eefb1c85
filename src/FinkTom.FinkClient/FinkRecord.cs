using System.Text.Json;

namespace FinkTom.FinkClient;

/// <summary>
/// One row of a Fink table answer, keyed by Fink column names (<c>i:objectId</c>, <c>d:cdsxmatch</c>, <c>v:g-r</c>).
/// Values stay as JSON so nothing is lost: read 64-bit ids such as <c>i:candid</c> with <see cref="GetInt64"/>.
/// </summary>
public sealed class FinkRecord : Dictionary<string, JsonElement>
{
    public FinkRecord() : base(StringComparer.Ordinal) { }

    /// <summary>True when the column is absent or null.</summary>
    public bool IsNull(string column) => !TryGetValue(column, out var v) || v.ValueKind == JsonValueKind.Null;

    public string? GetString(string column) => IsNull(column) ? null : this[column].ValueKind == JsonValueKind.String
        ? this[column].GetString()
        : this[column].GetRawText();

    public double? GetDouble(string column) => IsNull(column) ? null : this[column].GetDouble();

    public long? GetInt64(string column) => IsNull(column) ? null
        : this[column].ValueKind == JsonValueKind.String ? long.Parse(this[column].GetString()!, System.Globalization.CultureInfo.InvariantCulture)
        : this[column].GetInt64();

    public int? GetInt32(string column) => IsNull(column) ? null : this[column].GetInt32();

    public bool? GetBoolean(string column) => IsNull(column) ? null : this[column].GetBoolean();
}

/// <summary>The answer of <c>/api/v1/classes</c>: family name → class names.</summary>
public sealed class FinkClasses : Dictionary<string, List<string>>
{
    public FinkClasses() : base(StringComparer.Ordinal) { }

    /// <summary>Every class name, in the server's order of families.</summary>
    public IEnumerable<string> All => Values.SelectMany(v => v);
}

/// <summary>A column of <c>/api/v1/schema</c>: its Avro type (<c>"double"</c> or <c>["null", "float"]</c>) and doc.</summary>
public sealed record FinkField(
    [property: System.Text.Json.Serialization.JsonPropertyName("type")] JsonElement Type,
    [property: System.Text.Json.Serialization.JsonPropertyName("doc")] string Doc)
{
    /// <summary>The type without its null branch, e.g. <c>float</c>.</summary>
    public string BaseType => Type.ValueKind == JsonValueKind.Array
        ? Type.EnumerateArray().Select(t => t.GetString()).First(t => t != "null")!
        : Type.GetString()!;

    public bool Nullable => Type.ValueKind == JsonValueKind.Array;
}

/// <summary>A binary answer (PNG or FITS stamp, Parquet table) with its content type and file name.</summary>
public sealed record FinkFile(byte[] Content, string? ContentType, string? FileName);
