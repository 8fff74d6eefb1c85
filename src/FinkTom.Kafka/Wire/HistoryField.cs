using System.Text.Json.Nodes;
using FinkTom.Core.Model;

namespace FinkTom.Kafka.Wire;

/// <summary><c>prv_candidates</c>: the alert's history as ZTF names its fields (the subset FinkTom keeps per point).</summary>
internal sealed class HistoryField() : WireField("prv_candidates")
{
    private static readonly (string Name, string Type)[] Fields =
    [
        ("jd", "double"), ("fid", "int"), ("candid", "long"), ("magpsf", "float"), ("sigmapsf", "float"),
        ("diffmaglim", "float"), ("magnr", "float"), ("sigmagnr", "float"), ("distnr", "float"), ("isdiffpos", "string"),
        ("rb", "float"), ("drb", "float"), ("nbad", "int"), ("ra", "double"), ("dec", "double"),
    ];

    public override JsonNode ValueType() => new JsonObject
    {
        ["type"] = "array",
        ["items"] = new JsonArray(new JsonObject
        {
            ["type"] = "record",
            ["name"] = "prv_candidates",
            ["fields"] = new JsonArray(Fields.Select(JsonNode (f) => new JsonObject { ["name"] = f.Name, ["type"] = new JsonArray(f.Type, "null") }).ToArray()),
        }, "null"),
    };

    public override void Write(AvroWriter writer, Alert alert)
    {
        writer.Present();
        if (alert.History.Count > 0)
        {
            writer.Long(alert.History.Count);
            foreach (var p in alert.History)
            {
                writer.Present();
                D(writer, p.Jd); I(writer, p.Fid); L(writer, p.Candid); F(writer, p.MagPsf); F(writer, p.SigmaPsf);
                F(writer, p.DiffMagLim); F(writer, p.MagNr); F(writer, p.SigmaGnr); F(writer, p.DistNr); S(writer, p.IsDiffPos);
                F(writer, p.Rb); F(writer, p.Drb); I(writer, p.NBad); D(writer, p.Ra); D(writer, p.Dec);
            }
        }
        writer.Long(0);
    }

    private static void D(AvroWriter w, double? v) { if (v is { } x) { w.Present(); w.Double(x); } else w.Null(); }
    private static void F(AvroWriter w, float? v) { if (v is { } x) { w.Present(); w.Float(x); } else w.Null(); }
    private static void I(AvroWriter w, int? v) { if (v is { } x) { w.Present(); w.Int(x); } else w.Null(); }
    private static void L(AvroWriter w, long? v) { if (v is { } x) { w.Present(); w.Long(x); } else w.Null(); }
    private static void S(AvroWriter w, string? v) { if (v is { } x) { w.Present(); w.String(x); } else w.Null(); }
}

/// <summary>A cutout: <c>{fileName, stampData}</c> with the gzipped FITS bytes as delivered.</summary>
internal sealed class CutoutField(string name, CutoutKind kind) : WireField(name)
{
    public override JsonNode ValueType() => new JsonObject
    {
        ["type"] = "record",
        ["name"] = Name,
        ["fields"] = new JsonArray(
            new JsonObject { ["name"] = "fileName", ["type"] = new JsonArray("string", "null") },
            new JsonObject { ["name"] = "stampData", ["type"] = new JsonArray("bytes", "null") }),
    };

    public override void Write(AvroWriter writer, Alert alert)
    {
        if (alert.Cutouts?.Get(kind) is not { } stamp)
        {
            writer.Null();
            return;
        }
        writer.Present();
        writer.Present();
        writer.String($"candid{alert.Candid}_{kind.ToString().ToLowerInvariant()}.fits.gz");
        writer.Present();
        writer.Bytes(stamp);
    }
}
