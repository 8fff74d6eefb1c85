using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using FinkTom.Query.OData;
using Microsoft.OData.Edm;

namespace FinkTom.Server.OData;

/// <summary>
/// Writes OData JSON (4.0, minimal metadata) straight to the response as rows stream out of the store: no page
/// is held in memory, and the pipe is flushed every few hundred rows. The payload is checked in tests by
/// Microsoft.OData.Core's own ODataMessageReader against the CSDL.
/// </summary>
internal sealed class FeedJsonWriter(HttpResponse response, bool numbersAsStrings) : IAsyncDisposable
{
    private const int FlushEvery = 256;
    private static readonly JsonEncodedText Value = JsonEncodedText.Encode("value");

    /// <summary>Only what JSON requires is escaped (not <c>&amp;</c> or <c>'</c>): links stay readable, and the answer is never HTML.</summary>
    public static readonly JsonWriterOptions Options = new() { SkipValidation = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Utf8JsonWriter _json = new(response.BodyWriter, Options);
    private int _sinceFlush;

    public Utf8JsonWriter Json => _json;

    public void StartCollection(string? context, long? count)
    {
        _json.WriteStartObject();
        if (context is not null)
            _json.WriteString("@odata.context", context);
        if (count is { } n)
            WriteCount("@odata.count", n);
        _json.WriteStartArray(Value);
    }

    /// <summary>Ends the array; the next link comes after it, which OData JSON allows for streamed collections.</summary>
    public void EndCollection(string? nextLink)
    {
        _json.WriteEndArray();
        if (nextLink is not null)
            _json.WriteString("@odata.nextLink", nextLink);
        _json.WriteEndObject();
    }

    public void WriteCount(string name, long count)
    {
        // IEEE754Compatible=true asks for Int64 values as strings (JavaScript clients).
        if (numbersAsStrings)
            _json.WriteString(name, count.ToString(CultureInfo.InvariantCulture));
        else
            _json.WriteNumber(name, count);
    }

    public void WriteProperties<T>(T row, IReadOnlyList<FeedProperty<T>> properties)
    {
        foreach (var property in properties)
        {
            _json.WritePropertyName(property.JsonName);
            WriteValue(property.Kind, property.Read(row));
        }
    }

    public void WriteEntity<T>(T row, IReadOnlyList<FeedProperty<T>> properties, Action<FeedJsonWriter, T>? nested = null)
    {
        _json.WriteStartObject();
        WriteProperties(row, properties);
        nested?.Invoke(this, row);
        _json.WriteEndObject();
    }

    /// <summary>Pushes what is written so far to the client every <see cref="FlushEvery"/> rows.</summary>
    public async ValueTask RowWrittenAsync(CancellationToken cancellationToken)
    {
        if (++_sinceFlush < FlushEvery)
            return;
        _sinceFlush = 0;
        await FlushAsync(cancellationToken);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        _json.Flush();
        await response.BodyWriter.FlushAsync(cancellationToken);
    }

    private void WriteValue(EdmPrimitiveTypeKind kind, object? value)
    {
        switch (value)
        {
            case null:
                _json.WriteNullValue();
                break;
            case string s:
                _json.WriteStringValue(s);
                break;
            case bool b:
                _json.WriteBooleanValue(b);
                break;
            case int i:
                _json.WriteNumberValue(i);
                break;
            case long l:
                _json.WriteNumberValue(l);
                break;
            // Single-precision values are written with their own shortest digits (17.4321, not 17.43210029602051).
            case float f when float.IsFinite(f):
                _json.WriteNumberValue(f);
                break;
            case double d when double.IsFinite(d):
                _json.WriteNumberValue(d);
                break;
            case float or double:
                // OData JSON spells the special values as strings; the store turns NaN into null, so these are rare.
                var x = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                _json.WriteStringValue(double.IsNaN(x) ? "NaN" : x > 0 ? "INF" : "-INF");
                break;
            case DateTimeOffset t:
                _json.WriteStringValue(t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                break;
            default:
                throw new InvalidOperationException($"No OData JSON form for {value.GetType().Name} as {kind}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _json.FlushAsync();
        await _json.DisposeAsync();
    }
}
