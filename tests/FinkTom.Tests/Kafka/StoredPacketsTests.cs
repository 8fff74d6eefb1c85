using FinkTom.Core.Model;
using FinkTom.Core.Store;
using FinkTom.Core.Surveys;
using FinkTom.Ingest.Decoding;
using FinkTom.Kafka.Publish;
using FinkTom.Kafka.Wire;
using FinkTom.Store.Sqlite;
using FinkTom.Tests.Store;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Kafka;

/// <summary>Publications owed after a restart are rebuilt from the store: a Rubin packet read back carries the object's
/// earlier diaSources (stored as alerts of their own), its forced photometry up to the alert, and the stamps.</summary>
public sealed class StoredPacketsTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task A_Rubin_alert_read_back_from_the_store_carries_its_history_and_stamps_in_Fink_s_layout()
    {
        var options = new SqliteStoreOptions { DatabasePath = Path.Combine(_folder.Path, "finktom.db") };
        using var ztf = new SqliteAlertStore(options);
        using var lsst = new SqliteAlertStore(options, Survey.Lsst);
        var alerts = RubinTestAlerts.Sky(objects: 6, asteroids: 2);
        await lsst.WriteAsync(alerts, TestContext.Current.CancellationToken);
        var packets = new StoredPackets(new SurveyReaders(new Dictionary<Survey, IAlertReader> { [Survey.Ztf] = ztf, [Survey.Lsst] = lsst }));

        var objects = alerts.Where(a => a["r:diaObjectId"] is not null).GroupBy(a => a.ObjectId).Where(g => g.Count() >= 3).ToList();
        Assert.NotEmpty(objects);
        foreach (var group in objects)
        {
            var latest = group.MaxBy(a => a.Time)!;
            var packet = await packets.ReadAsync(Survey.Lsst, latest.Id, TestContext.Current.CancellationToken);
            Assert.NotNull(packet);
            var earlier = packet.Measurements.Where(m => m.Kind.Name == "prvDiaSources").Select(m => m.Id).Order();
            Assert.Equal(group.Where(a => a.Time < latest.Time).Select(a => a.Id).Order(), earlier);
            var forced = packet.Measurements.Where(m => m.Kind.Name == "prvDiaForcedSources").ToList();
            Assert.NotEmpty(forced);
            Assert.All(forced, m => Assert.True(m.Time <= latest.Time));
            Assert.Equal(latest.Cutouts?.Science, packet.Cutouts?.Science);

            var back = new AlertPayloadDecoder().DecodeSchemaless(FinkLsstWireFormat.Encode(packet), FinkLsstWireFormat.SchemaJson);
            Assert.Equal(latest.Id, back.Id);
            Assert.Equal(earlier, back.Measurements.Where(m => m.Kind.Name == "prvDiaSources").Select(m => m.Id).Order());
            Assert.Equal(forced.Count, back.Measurements.Count(m => m.Kind.Name == "prvDiaForcedSources"));
        }

        var asteroid = alerts.First(a => a["r:diaObjectId"] is null);
        var sso = await packets.ReadAsync(Survey.Lsst, asteroid.Id, TestContext.Current.CancellationToken);
        Assert.Empty(sso!.Measurements); // no diaObject, no history
        Assert.Null(await packets.ReadAsync(Survey.Lsst, 42, TestContext.Current.CancellationToken));
    }

    public void Dispose() => _folder.Dispose();
}
