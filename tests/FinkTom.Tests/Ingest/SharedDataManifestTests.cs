using FinkTom.Ingest.Files;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Ingest;

/// <summary>
/// Every Avro file of <c>../shared/data/ztf_alerts</c> and <c>../shared/data/fink_enriched</c> decodes to exactly the
/// record count that <c>MANIFEST.csv</c> gives (counted there with python-avro). Skipped without the shared data.
/// </summary>
public sealed class SharedDataManifestTests
{
    [SharedDataFact]
    public void SharedData_EveryZtfAndFinkEnrichedAvroFile_DecodesToItsManifestRecordCount()
    {
        var entries = ReadManifest(TestPaths.SharedData!)
            .Where(e => e.Kind == "avro" && (e.Path.StartsWith("ztf_alerts/") || e.Path.StartsWith("fink_enriched/")))
            .ToList();
        Assert.True(entries.Count >= 200, $"manifest lists only {entries.Count} avro files under ztf_alerts/ and fink_enriched/");

        var reader = new AlertFileReader();
        var mismatches = new List<string>();
        foreach (var entry in entries)
        {
            var rejections = new List<IngestRejection>();
            var decoded = reader.Read(Path.Combine(TestPaths.SharedData!, entry.Path), rejections.Add).Count();
            if (decoded != entry.Records || rejections.Count > 0)
                mismatches.Add($"{entry.Path}: {decoded} alerts, manifest says {entry.Records}; {string.Join("; ", rejections)}");
        }

        Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
        Assert.Equal(199 + 156, entries.Sum(e => e.Records)); // README: 199 raw ZTF + 156 Fink-enriched alerts
    }

    private sealed record ManifestEntry(string Path, string Kind, int Records);

    private static List<ManifestEntry> ReadManifest(string sharedData)
    {
        var lines = File.ReadAllLines(Path.Combine(sharedData, "MANIFEST.csv"));
        var header = SplitCsv(lines[0]);
        int pathCol = Array.IndexOf(header, "local_path"), kindCol = Array.IndexOf(header, "kind"), countCol = Array.IndexOf(header, "n_records");
        Assert.True(pathCol >= 0 && kindCol >= 0 && countCol >= 0, "MANIFEST.csv lacks local_path, kind or n_records");

        return lines.Skip(1)
            .Where(l => l.Length > 0)
            .Select(SplitCsv)
            .Select(f => new ManifestEntry(f[pathCol], f[kindCol], int.TryParse(f[countCol], out var n) ? n : -1))
            .ToList();
    }

    // RFC 4180 fields: a few rows quote a field holding commas.
    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                field.Append(line[++i]);
            else if (c == '"')
                quoted = !quoted;
            else if (c == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
                field.Append(c);
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }
}
