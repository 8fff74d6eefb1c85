using System.Globalization;
using System.Text.Json;
using FinkTom.Core.Model;

namespace FinkTom.Store.Elasticsearch.Mapping;

/// <summary>
/// A light-curve point as a document whose id is <c>{objectId}_{jd}_{fid}</c>, so that the same point repeated by many
/// alerts' histories is stored once: the first copy is kept, as the embedded store keeps it, and a later copy only
/// fills in a candid the stored one lacks (<see cref="FillCandidScript"/>).
/// </summary>
public static class HistoryDocuments
{
    public static readonly (string Name, string Type)[] Fields =
    [
        ("object_id", "keyword"), ("jd", "double"), ("fid", "integer"), ("candid", "long"),
        ("magpsf", "float"), ("sigmapsf", "float"), ("diffmaglim", "float"), ("magnr", "float"), ("sigmagnr", "float"),
        ("distnr", "float"), ("isdiffpos", "keyword"), ("rb", "float"), ("drb", "float"), ("nbad", "integer"),
        ("ra", "double"), ("dec", "double"),
    ];

    /// <summary>Painless, run on an existing point: set the candid if it has none, otherwise change nothing.</summary>
    public const string FillCandidScript =
        "if (ctx._source.candid == null) { ctx._source.candid = params.candid; } else { ctx.op = 'noop'; }";

    /// <summary>The body of an <c>update</c> action: the script for an existing point, the whole point as upsert.</summary>
    public static void WriteUpsert(Utf8JsonWriter json, HistoryPoint point, long candid)
    {
        json.WriteStartObject();
        json.WriteStartObject("script");
        json.WriteString("lang", "painless");
        json.WriteString("source", FillCandidScript);
        json.WriteStartObject("params");
        json.WriteNumber("candid", candid);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WritePropertyName("upsert");
        Write(json, point);
        json.WriteEndObject();
    }

    public static string Id(HistoryPoint point) =>
        $"{point.ObjectId}_{point.Jd.ToString("R", CultureInfo.InvariantCulture)}_{point.Fid}";

    public static void Write(Utf8JsonWriter json, HistoryPoint p)
    {
        json.WriteStartObject();
        json.WriteString("object_id", p.ObjectId);
        Number("jd", p.Jd);
        json.WriteNumber("fid", p.Fid);
        Value("candid", p.Candid);
        Value("magpsf", p.MagPsf);
        Value("sigmapsf", p.SigmaPsf);
        Value("diffmaglim", p.DiffMagLim);
        Value("magnr", p.MagNr);
        Value("sigmagnr", p.SigmaGnr);
        Value("distnr", p.DistNr);
        Value("isdiffpos", p.IsDiffPos);
        Value("rb", p.Rb);
        Value("drb", p.Drb);
        Value("nbad", p.NBad);
        Value("ra", p.Ra);
        Value("dec", p.Dec);
        json.WriteEndObject();

        void Number(string name, double value)
        {
            json.WritePropertyName(name);
            AlertDocuments.WriteValue(json, value);
        }

        void Value(string name, object? value)
        {
            if (value is null)
                return; // absent rather than null: the document stays small
            json.WritePropertyName(name);
            AlertDocuments.WriteValue(json, value);
        }
    }

    public static HistoryPoint Read(JsonElement s) => new()
    {
        ObjectId = s.GetProperty("object_id").GetString()!,
        Jd = s.GetProperty("jd").GetDouble(),
        Fid = s.GetProperty("fid").GetInt32(),
        Candid = Get(s, "candid", ColumnType.Long) as long?,
        MagPsf = Get(s, "magpsf", ColumnType.Float) as float?,
        SigmaPsf = Get(s, "sigmapsf", ColumnType.Float) as float?,
        DiffMagLim = Get(s, "diffmaglim", ColumnType.Float) as float?,
        MagNr = Get(s, "magnr", ColumnType.Float) as float?,
        SigmaGnr = Get(s, "sigmagnr", ColumnType.Float) as float?,
        DistNr = Get(s, "distnr", ColumnType.Float) as float?,
        IsDiffPos = Get(s, "isdiffpos", ColumnType.String) as string,
        Rb = Get(s, "rb", ColumnType.Float) as float?,
        Drb = Get(s, "drb", ColumnType.Float) as float?,
        NBad = Get(s, "nbad", ColumnType.Int) as int?,
        Ra = Get(s, "ra", ColumnType.Double) as double?,
        Dec = Get(s, "dec", ColumnType.Double) as double?,
    };

    private static object? Get(JsonElement source, string name, ColumnType type) =>
        source.TryGetProperty(name, out var value) ? AlertDocuments.ReadValue(value, type) : null;
}
