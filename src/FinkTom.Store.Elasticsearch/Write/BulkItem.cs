using System.Buffers;
using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Store.Elasticsearch.Mapping;

namespace FinkTom.Store.Elasticsearch.Write;

public enum BulkItemKind
{
    Alert,
    Cutouts,
    History,
}

/// <summary>
/// One action of a <c>_bulk</c> body: its two NDJSON lines (action and document), ready to send and to send again.
/// <c>create</c> fails with 409 when the id exists, which is what makes ingestion idempotent. A history point that
/// carries a candid is an <c>update</c> with <c>upsert</c>: stored if new, otherwise only its missing candid is filled in.
/// </summary>
public sealed record BulkItem(BulkItemKind Kind, string Index, string Id, bool Create, byte[] Lines)
{
    /// <summary>The actions that store a batch of alerts: each alert, its cutouts and its history points.</summary>
    public static List<BulkItem> For(IReadOnlyList<Alert> alerts, IndexLayout layout, bool withCutouts = true)
    {
        var items = new List<BulkItem>(alerts.Count * 3);
        foreach (var alert in alerts)
        {
            var candid = alert.Candid.ToString(System.Globalization.CultureInfo.InvariantCulture);
            items.Add(Make(BulkItemKind.Alert, layout.AlertsIndex(alert.Jd), candid, "create", json => AlertDocuments.Write(json, alert)));
            if (withCutouts && alert.Cutouts is { } cutouts)
                items.Add(Make(BulkItemKind.Cutouts, layout.CutoutsIndex(alert.Jd), candid, "create", json => CutoutDocuments.Write(json, alert, cutouts)));
            foreach (var point in alert.History)
                items.Add(point.Candid is { } pointCandid
                    ? Make(BulkItemKind.History, layout.HistoryIndex(point.Jd), HistoryDocuments.Id(point), "update",
                        json => HistoryDocuments.WriteUpsert(json, point, pointCandid))
                    : Make(BulkItemKind.History, layout.HistoryIndex(point.Jd), HistoryDocuments.Id(point), "create",
                        json => HistoryDocuments.Write(json, point)));
        }
        return items;
    }

    private static BulkItem Make(BulkItemKind kind, string index, string id, string action, Action<Utf8JsonWriter> writeDocument)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject(action);
            json.WriteString("_index", index);
            json.WriteString("_id", id);
            if (action == "update")
                json.WriteNumber("retry_on_conflict", 3); // two writers updating the same point at once
            json.WriteEndObject();
            json.WriteEndObject();
        }
        buffer.Write("\n"u8);
        using (var json = new Utf8JsonWriter(buffer))
            writeDocument(json);
        buffer.Write("\n"u8);
        return new BulkItem(kind, index, id, action == "create", buffer.WrittenSpan.ToArray());
    }
}
