using System.Text;
using System.Text.Json;
using Avro;
using Avro.Generic;
using Avro.IO;
using FinkTom.Core.Model;
using FinkTom.Ingest.Decoding;
using FinkTom.Kafka.Wire;

namespace FinkTom.Tests.Livestream;

/// <summary>
/// Reads a livestream message as fink-client does (<c>json.loads(key)</c>, then a schemaless reader of the value with
/// that schema) with a generic Avro reader, and checks every field of the record against the alert it came from:
/// what FinkTom keeps is there exactly (64-bit ids, floats widened to Fink's doubles), everything else is null.
/// </summary>
public static class FinkClientReader
{
    public static GenericRecord Read(byte[] key, byte[] value)
    {
        var schema = (RecordSchema)Schema.Parse(Encoding.UTF8.GetString(key));
        using var stream = new MemoryStream(value);
        var record = new GenericDatumReader<GenericRecord>(schema, schema).Read(null!, new BinaryDecoder(stream));
        Assert.Equal(value.Length, stream.Position); // exactly one record: no header, no magic byte
        return record;
    }

    public static void AssertCarries(Alert alert, GenericRecord record)
    {
        Assert.Equal(58, record.Schema.Fields.Count);
        foreach (var field in record.Schema.Fields)
        {
            var value = record[field.Name];
            var context = $"{alert.Candid} {field.Name}";
            switch (field.Name)
            {
                case "candidate":
                    var candidate = (GenericRecord)value!;
                    foreach (var f in candidate.Schema.Fields)
                        AssertColumn(alert, FinkFieldNames.CandidateColumn(f.Name), candidate[f.Name], $"{context}.{f.Name}");
                    break;
                case "prv_candidates":
                    AssertHistory(alert, (object[])value!);
                    break;
                case "cutoutScience" or "cutoutTemplate" or "cutoutDifference":
                    var kind = Enum.Parse<CutoutKind>(field.Name["cutout".Length..]);
                    Assert.Equal(alert.Cutouts?.Get(kind), (byte[]?)((GenericRecord)value!)["stampData"]);
                    break;
                case "mangrove" or "blazar_stats":
                    var columns = FinkFieldNames.FlattenedColumns(field.Name);
                    if (value is IDictionary<string, object> map)
                        Assert.All(columns, c => Assert.Equal(alert.Values[c.Value.Ordinal], map[c.Key]));
                    else
                        Assert.All(columns, c => Assert.Null(alert.Values[c.Value.Ordinal]));
                    break;
                case "lc_features_g" or "lc_features_r":
                    var features = (GenericRecord)value!;
                    var stored = alert.Values[ColumnCatalog.Get("d:" + field.Name).Ordinal] is string json ? JsonSerializer.Deserialize<double?[]>(json) : null;
                    for (var i = 0; i < LightCurveFeatures.Names.Length; i++)
                        Assert.Equal(stored is null ? null : stored[i] ?? double.NaN, (double?)features[LightCurveFeatures.Names[i]]);
                    break;
                default:
                    AssertColumn(alert, FinkFieldNames.RootColumn(field.Name), value, context);
                    break;
            }
        }
    }

    private static void AssertColumn(Alert alert, ColumnDef? column, object? value, string context)
    {
        var expected = column is null ? null : alert.Values[column.Ordinal];
        if (expected is float f && value is double)
            expected = (double)f; // Fink's double for a value the API serves as float (slsn_score)
        Assert.True(Equals(expected, value), $"{context}: {expected} sent as {value}");
    }

    private static void AssertHistory(Alert alert, object[] items)
    {
        Assert.Equal(alert.History.Count, items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            var (p, item) = (alert.History[i], (GenericRecord)items[i]);
            object?[] kept = [p.Jd, p.Fid, p.Candid, p.MagPsf, p.SigmaPsf, p.DiffMagLim, p.MagNr, p.SigmaGnr, p.DistNr, p.IsDiffPos, p.Rb, p.NBad, p.Ra, p.Dec];
            string[] names = ["jd", "fid", "candid", "magpsf", "sigmapsf", "diffmaglim", "magnr", "sigmagnr", "distnr", "isdiffpos", "rb", "nbad", "ra", "dec"];
            foreach (var f in item.Schema.Fields)
            {
                var at = Array.IndexOf(names, f.Name);
                Assert.Equal(at < 0 ? null : kept[at], item[f.Name]);
            }
        }
    }
}
