using Avro.Generic;
using FinkTom.Core.Query;
using FinkTom.Ingest.Pipeline;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Ingest;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Reliability;

/// <summary>Real ZTF alert records with one value made impossible, ingested into a real SQLite store: each bad alert is
/// rejected on its own with a reason, and every good alert of the same file and batch is stored.</summary>
public sealed class PoisonedAlertFileTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Impossible_times_and_positions_are_rejected_per_alert_and_the_good_alerts_of_the_run_are_stored()
    {
        // Three copies of a real three-alert file, each copy's alerts given new candids: nine alerts in one file.
        var records = Enumerable.Range(0, 3).SelectMany(copy => SampleFiles.ReadRecords(SampleFiles.ZtfMultiAlerts).Select(record =>
        {
            var candid = (long)record["candid"] + copy;
            record.Add("candid", candid);
            ((GenericRecord)record["candidate"]).Add("candid", candid);
            return record;
        })).ToList();
        Assert.Equal(9, records.Count);
        var poisons = new (string Field, double Value)[]
        {
            ("jd", double.NaN), ("jd", double.PositiveInfinity), ("jd", -1e300), ("ra", double.NaN), ("dec", 1000), ("ra", double.NegativeInfinity),
        };
        var poisoned = new HashSet<long>();
        for (var i = 0; i < poisons.Length; i++)
        {
            var candidate = (GenericRecord)records[i]["candidate"];
            candidate.Add(poisons[i].Field, poisons[i].Value);
            poisoned.Add((long)candidate["candid"]);
        }
        var file = _folder.Write("poisoned.avro", AvroFiles.ContainerOf(records));
        using var store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(_folder.Path, "alerts.db") });

        var report = await new AlertIngestionPipeline(store).IngestAsync([file]);

        Assert.Equal(poisons.Length, report.AlertsRejected);
        Assert.Equal(records.Count - poisons.Length, report.Stored);
        Assert.Equal(0, report.FilesRejected);
        Assert.Equal(["jd", "jd", "jd", "ra", "dec", "ra"], report.Rejections.Select(r => r.Reason.Split(':')[1].Trim().Split(' ')[0]));
        Assert.All(report.Rejections, r => Assert.Equal(file, r.File));
        var stored = new List<long>();
        await foreach (var alert in store.QueryAsync(new AlertQuery()))
            stored.Add(alert.Candid);
        Assert.Equal(records.Count - poisons.Length, stored.Count);
        Assert.DoesNotContain(stored, poisoned.Contains);
    }

    [Fact]
    public async Task Nan_in_other_columns_is_stored_as_missing_and_served()
    {
        var record = SampleFiles.ReadRecords(SampleFiles.Ztf19acihgng)[0];
        var candidate = (GenericRecord)record["candidate"];
        candidate.Add("magpsf", float.NaN);
        candidate.Add("sigmapsf", float.PositiveInfinity);
        var file = _folder.Write("nan.avro", AvroFiles.ContainerOf([record]));
        using var store = new SqliteAlertStore(new SqliteStoreOptions { DatabasePath = Path.Combine(_folder.Path, "alerts.db") });

        var report = await new AlertIngestionPipeline(store).IngestAsync([file]);

        Assert.Equal((1L, 0L), (report.Stored, report.AlertsRejected));
        await foreach (var alert in store.QueryAsync(new AlertQuery()))
        {
            Assert.Null(alert["i:magpsf"]);
            Assert.Null(alert["i:sigmapsf"]);
        }
    }
}
