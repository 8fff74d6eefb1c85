using System.Buffers;
using System.Text.Json;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Store.Elasticsearch.Mapping;

namespace FinkTom.Store.Elasticsearch.Write;

public enum BulkItemKind
{
    Alert,
    Cutouts,
    History,
    /// <summary>An object summary, replaced by a newer one (see <see cref="BulkItem.ForSummary"/>).</summary>
    Object,
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

    /// <summary>
    /// Indexes an object summary under its object id with <c>version_type: external_gte</c> and its number of alerts as
    /// version. Alerts are never removed, so a summary computed later counts at least as many alerts: when two writers
    /// recompute the same object at once, the one that saw more alerts wins whatever order their writes arrive in, and
    /// an older one is refused with 409 (<see cref="BulkItemStatus.AlreadyStored"/>). The same summary again is accepted.
    /// </summary>
    public static BulkItem ForSummary(ObjectSummary summary, IndexLayout layout) =>
        Make(BulkItemKind.Object, layout.ObjectsIndex, summary.ObjectId, "index", json => ObjectDocuments.Write(json, summary), summary.Alerts);

    private static BulkItem Make(BulkItemKind kind, string index, string id, string action, Action<Utf8JsonWriter> writeDocument,
        long? externalVersion = null)
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
            if (externalVersion is { } version)
            {
                json.WriteNumber("version", version);
                json.WriteString("version_type", "external_gte");
            }
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
