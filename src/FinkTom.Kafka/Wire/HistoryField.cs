using System.Text.Json.Nodes;
using FinkTom.Core.Model;

namespace FinkTom.Kafka.Wire;

/// <summary>
/// <c>prv_candidates</c>: the alert's history in Fink's item record (ZTF's <c>prv_candidate</c>, 57 fields). FinkTom
/// keeps 14 of them per point (<see cref="HistoryPoint"/>); the others are written null.
/// </summary>
internal sealed class HistoryField : WireField
{
    // HistoryPoint's values under ZTF's names (its drb is not a prv_candidate field).
    private static readonly Dictionary<string, Func<HistoryPoint, object?>> Kept = new(StringComparer.Ordinal)
    {
        ["jd"] = p => p.Jd, ["fid"] = p => p.Fid, ["candid"] = p => p.Candid, ["magpsf"] = p => p.MagPsf,
        ["sigmapsf"] = p => p.SigmaPsf, ["diffmaglim"] = p => p.DiffMagLim, ["magnr"] = p => p.MagNr,
        ["sigmagnr"] = p => p.SigmaGnr, ["distnr"] = p => p.DistNr, ["isdiffpos"] = p => p.IsDiffPos,
        ["rb"] = p => p.Rb, ["nbad"] = p => p.NBad, ["ra"] = p => p.Ra, ["dec"] = p => p.Dec,
    };

    private readonly (string Type, Func<HistoryPoint, object?>? Get)[] _items;

    public HistoryField(string name, JsonNode type) : base(name, type)
    {
        var array = (JsonObject)ValueType;
        var item = (JsonObject)((JsonArray)array["items"]!)[0]!;
        _items = ((JsonArray)item["fields"]!).Select(f =>
            (((JsonArray)f!["type"]!)[0]!.GetValue<string>(), Kept.GetValueOrDefault(f["name"]!.GetValue<string>()))).ToArray();
    }

    /// <summary>The item fields FinkTom fills (the rest are always null).</summary>
    public static IReadOnlyCollection<string> KeptFields => Kept.Keys;

    protected override bool HasValue(Alert alert) => true; // an empty history is an empty array, as in ZTF's packets

    protected override void WriteValue(AvroWriter writer, Alert alert)
    {
        if (alert.History.Count > 0)
        {
            writer.Long(alert.History.Count);
            foreach (var point in alert.History)
            {
                writer.Present();
                foreach (var (type, get) in _items)
                    AvroValue.WriteNullable(writer, get?.Invoke(point), type);
            }
        }
        writer.Long(0);
    }
}

/// <summary>A cutout: <c>{fileName, stampData}</c> with the gzipped FITS bytes as delivered; both null when FinkTom
/// has no stamp (Fink's cutout record itself is not nullable).</summary>
internal sealed class CutoutField(string name, JsonNode type, CutoutKind kind) : WireField(name, type)
{
    protected override bool HasValue(Alert alert) => alert.Cutouts?.Get(kind) is not null;

    protected override void WriteValue(AvroWriter writer, Alert alert)
    {
        if (alert.Cutouts?.Get(kind) is not { } stamp)
        {
            writer.Null();
            writer.Null();
            return;
        }
        writer.Present();
        writer.String($"candid{alert.Candid}_{kind.ToString().ToLowerInvariant()}.fits.gz");
        writer.Present();
        writer.Bytes(stamp);
    }
}
