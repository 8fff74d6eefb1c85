using Confluent.Kafka;
using FinkTom.Core.Model;
using FinkTom.Core.Query;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Ingest.Decoding.Confluent;
using FinkTom.Kafka.Ingest;
using FinkTom.Kafka.Wire;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Livestream;
using FinkTom.Tests.Support;
using FinkTom.Tests.Surveys.Lsst;
using Microsoft.Extensions.Logging.Abstractions;

namespace FinkTom.Tests.Kafka;

/// <summary>
/// Rubin alerts from a real Kafka broker into the LSST store (the same SQLite file as ZTF's, through
/// <see cref="SurveyAlertWriter"/> as `finktom` runs it): Rubin's Confluent-framed stream (schemas from a folder or a
/// schema registry) and Fink's livestream layout, with bad messages counted and skipped.
/// </summary>
[Collection(KafkaCollection.Name)]
public sealed class KafkaRubinIngestTests(KafkaBroker broker) : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly TempDirectory _schemas = new();

    [SharedDataFact]
    public async Task Rubin_framed_and_Fink_layout_alerts_land_in_the_LSST_store_with_exact_ids_shared_data()
    {
        broker.SkipIfUnavailable();
        var topic = "rubin_" + Guid.NewGuid().ToString("N")[..8];
        var fink = RubinKafkaSamples.FinkLayoutMessages();
        var v10 = RubinKafkaSamples.Vector(RubinKafkaSamples.V10);
        var ztf = SampleAlerts.All.First(a => a.Survey == Survey.Ztf);
        Produce(topic,
        [
            (null, v10),
            (null, RubinKafkaSamples.Vector(RubinKafkaSamples.V11)), // the same alert id as v10's: a duplicate
            fink[0],
            (null, v10[..300]), // @3: truncated
            (null, ConfluentFraming.Frame(1200, v10.AsSpan(ConfluentFraming.HeaderLength))), // @4: an id with no schema
            (FinkWireFormat.Key, FinkWireFormat.Encode(ztf)),
            .. fink[1..],
        ]);
        var options = broker.Options(group: topic);
        options.Ingest.SchemaDirectory = RubinKafkaSamples.WriteSchemaFolder(_schemas);
        using var stores = new Stores(_data);
        var status = new KafkaIngestStatus();

        await new KafkaAlertIngestor(stores.Writer, options, status, NullLogger.Instance)
            .RunAsync([topic], CancellationToken.None, stopWhenIdle: TimeSpan.FromSeconds(3));

        Assert.True(status.Messages == 12, status.Snapshot().ToString());
        Assert.Equal(2, status.Poison);
        Assert.StartsWith($"{topic} [0] @4: unknown schema id 1200: not in the schema folder", status.LastPoison);
        Assert.Equal(9, status.Stored);
        Assert.Equal(1, status.Duplicates);
        Assert.Equal(1, await stores.Ztf.CountAsync(new AlertQuery()));
        Assert.Equal(ztf.Candid, (await stores.Ztf.QueryAsync(new AlertQuery()).SingleAsync()).Candid);

        var lsst = await stores.Lsst.QueryAsync(new AlertQuery()).ToListAsync();
        var expected = LsstSamples.Read(LsstSamples.DataTransfer).Select(a => a.Id).Append(RubinKafkaSamples.VectorAlertId);
        Assert.Equal(expected.Order(), lsst.Select(a => a.Id).Order());
        Assert.All(lsst, a => Assert.Same(Survey.Lsst, a.Survey));
        var rubin = lsst.Single(a => a.Id == RubinKafkaSamples.VectorAlertId);
        Assert.Equal(RubinKafkaSamples.VectorDiaObjectId, rubin["r:diaObjectId"]); // beyond 2^53: read back exactly
        Assert.Contains((string)rubin["f:lsst_schema_version"]!, new[] { "lsst.v10_0", "lsst.v11_0" });
        Assert.Equal(170028485706776685L, lsst.Single(a => a.Id == 170094456272322680L)["r:diaObjectId"]);
    }

    [Fact]
    public async Task Fink_livestream_LSST_messages_land_in_the_LSST_store()
    {
        broker.SkipIfUnavailable();
        var topic = "fink_lsst_" + Guid.NewGuid().ToString("N")[..8];
        Produce(topic, RubinKafkaSamples.FinkLayoutMessages().Select(m => ((byte[]?)m.Key, m.Value)));
        using var stores = new Stores(_data);
        var status = new KafkaIngestStatus();

        await new KafkaAlertIngestor(stores.Writer, broker.Options(group: topic), status, NullLogger.Instance)
            .RunAsync([topic], CancellationToken.None, stopWhenIdle: TimeSpan.FromSeconds(3));

        var fromFile = LsstSamples.Read(LsstSamples.DataTransfer);
        Assert.Equal(0, status.Poison);
        Assert.Equal(fromFile.Count, status.Stored);
        var stored = await stores.Lsst.QueryAsync(new AlertQuery()).ToDictionaryAsync(a => a.Id);
        Assert.Equal(fromFile.Select(a => a.Id).Order(), stored.Keys.Order());
        Assert.All(fromFile, a => Assert.Equal(a["r:diaObjectId"], stored[a.Id]["r:diaObjectId"]));
        Assert.Equal(0, await stores.Ztf.CountAsync(new AlertQuery()));
    }

    [SharedDataFact]
    public async Task A_schema_registry_outage_pauses_ingestion_and_loses_no_alert_shared_data()
    {
        broker.SkipIfUnavailable();
        await using var registry = await SchemaRegistryStandIn.StartAsync();
        var fink = RubinKafkaSamples.FinkLayoutMessages();
        registry.Schemas[RubinKafkaSamples.V10] = RubinKafkaSamples.SchemaJson(RubinKafkaSamples.V10);
        registry.Schemas[RubinKafkaSamples.V11] = RubinKafkaSamples.SchemaJson(RubinKafkaSamples.V11);
        registry.Schemas[7] = System.Text.Encoding.UTF8.GetString(fink[0].Key);
        registry.Failure = (503, """{"error_code": 50003, "message": "Error while forwarding the request to the leader"}""");
        var topic = "rubin_sr_" + Guid.NewGuid().ToString("N")[..8];
        Produce(topic,
        [
            (null, RubinKafkaSamples.Vector(RubinKafkaSamples.V10)),
            (null, ConfluentFraming.Frame(7, fink[0].Value)),
            (null, RubinKafkaSamples.Vector(RubinKafkaSamples.V11)),
            (null, ConfluentFraming.Frame(7, fink[1].Value)),
        ]);
        var options = broker.Options(group: topic);
        options.Ingest.Framing = "confluent";
        options.Ingest.SchemaRegistryUrl = registry.Url.ToString();
        using var stores = new Stores(_data);
        var status = new KafkaIngestStatus();

        var run = new KafkaAlertIngestor(stores.Writer, options, status, NullLogger.Instance)
            .RunAsync([topic], CancellationToken.None, stopWhenIdle: TimeSpan.FromSeconds(3));
        // The first message waits for its schema and is read again: asked twice, nothing skipped, nothing stored yet.
        await WaitUntil(() => registry.Requests >= 2 && !run.IsCompleted, TimeSpan.FromSeconds(30));
        Assert.Contains("answered HTTP 503 for schema id 1000", status.LastError);
        Assert.Equal(0, status.Poison);
        Assert.Equal(0, await stores.Lsst.CountAsync(new AlertQuery()));
        registry.Failure = null;
        await run;

        Assert.Equal(0, status.Poison);
        Assert.Equal(3, status.Stored);
        Assert.Equal(1, status.Duplicates);
        var fromFile = LsstSamples.Read(LsstSamples.DataTransfer);
        var ids = await stores.Lsst.QueryAsync(new AlertQuery()).Select(a => a.Id).ToListAsync();
        Assert.Equal(new[] { RubinKafkaSamples.VectorAlertId, fromFile[0].Id, fromFile[1].Id }.Order(), ids.Order());
    }

    public void Dispose()
    {
        _data.Dispose();
        _schemas.Dispose();
    }

    private void Produce(string topic, IEnumerable<(byte[]? Key, byte[] Value)> messages)
    {
        using var producer = broker.Producer();
        foreach (var (key, value) in messages)
            producer.Produce(topic, new Message<byte[], byte[]> { Key = key!, Value = value },
                r => { if (r.Error.IsError) throw new InvalidOperationException(r.Error.Reason); });
        producer.Flush(TimeSpan.FromSeconds(30));
    }

    private static async Task WaitUntil(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out");
            await Task.Delay(50);
        }
    }

    /// <summary>ZTF's and Rubin's stores in one SQLite file, written through one <see cref="SurveyAlertWriter"/>.</summary>
    private sealed class Stores : IDisposable
    {
        public Stores(TempDirectory folder)
        {
            var options = new SqliteStoreOptions { DatabasePath = Path.Combine(folder.Path, "finktom.db") };
            Ztf = new SqliteAlertStore(options);
            Lsst = new SqliteAlertStore(options, Survey.Lsst);
            Writer = new SurveyAlertWriter(new Dictionary<Survey, IAlertWriter> { [Survey.Ztf] = Ztf, [Survey.Lsst] = Lsst });
        }

        public SqliteAlertStore Ztf { get; }
        public SqliteAlertStore Lsst { get; }
        public IAlertWriter Writer { get; }

        public void Dispose()
        {
            Ztf.Dispose();
            Lsst.Dispose();
        }
    }
}
