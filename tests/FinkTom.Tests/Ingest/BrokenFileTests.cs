using System.IO.Compression;
using Avro.Generic;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Files;
using FinkTom.Ingest.Pipeline;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Ingest;

/// <summary>Damaged input is reported with its file name and a reason, counted and skipped; good files still ingest.</summary>
public sealed class BrokenFileTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TruncatedGarbageAndEmptyFiles_AreRejectedWithReasons_WhileTheGoodFileIngests()
    {
        var original = File.ReadAllBytes(SampleFiles.DataTransfer); // 31 blocks of one alert each
        _folder.Write("good.avro", File.ReadAllBytes(SampleFiles.Ztf19acihgng));
        var truncated = _folder.Write("truncated.avro", original[..(original.Length / 2)]);
        var garbage = _folder.Write("garbage.avro", "this is not an alert\n"u8.ToArray());
        var empty = _folder.Write("empty.avro", []);
        var store = new RecordingAlertStore();

        var report = await new AlertIngestionPipeline(store).IngestAsync([_folder.Path]);

        Assert.Equal(4, report.FilesFound);
        Assert.Equal(1, report.FilesRead);
        Assert.Equal(3, report.FilesRejected);
        Assert.Equal(3, report.Rejections.Count);
        Assert.All(report.Rejections, r => Assert.True(r.IsWholeFile));
        Assert.Contains("truncated", Reason(report, truncated));
        Assert.Contains("not an Avro container", Reason(report, garbage));
        Assert.Contains("empty file", Reason(report, empty));
        Assert.Contains(1060135832015015002L, store.Alerts.Keys); // the good file
    }

    [Fact]
    public void TruncatedMultiBlockFile_KeepsTheAlertsOfItsCompleteBlocks()
    {
        var original = File.ReadAllBytes(SampleFiles.DataTransfer);
        var truncated = _folder.Write("part-3-truncated.avro", original[..(original.Length / 2)]);
        var rejections = new List<IngestRejection>();

        var kept = new AlertFileReader().Read(truncated, rejections.Add).ToList();

        var expected = SampleFiles.ReadAlerts(SampleFiles.DataTransfer).Take(kept.Count).Select(a => a.Candid);
        Assert.InRange(kept.Count, 10, 20); // about half of the 31 one-alert blocks
        Assert.Equal(expected, kept.Select(a => a.Candid));
        var rejection = Assert.Single(rejections);
        Assert.Equal(truncated, rejection.File);
        Assert.Contains($"after {kept.Count} complete records", rejection.Reason);
        Assert.Contains($"{kept.Count} alerts before it were kept", rejection.Reason);
    }

    [Fact]
    public void CorruptSnappyBlock_IsRejected_AfterTheBlocksBeforeIt()
    {
        var bytes = File.ReadAllBytes(SampleFiles.Snappy);
        bytes[bytes.Length / 2] ^= 0x5A; // inside a block's compressed data (27 blocks of ~90 kB)
        var corrupt = _folder.Write("corrupt-snappy.avro", bytes);
        var rejections = new List<IngestRejection>();

        var kept = new AlertFileReader().Read(corrupt, rejections.Add).ToList();

        var rejection = Assert.Single(rejections);
        Assert.Contains("snappy", rejection.Reason);
        Assert.InRange(kept.Count, 1, 53);
    }

    [Fact]
    public void RecordWithoutCandid_IsRejectedAlone_AndTheFileGoesOn()
    {
        var records = SampleFiles.ReadRecords(SampleFiles.DataTransfer).Take(3).ToList();
        records[1].Add("candid", null);
        ((GenericRecord)SampleFiles.Field(records[1], "candidate")!).Add("candid", null);
        var path = _folder.Write("one-bad-record.avro", AvroFiles.ContainerOf(records));
        var rejections = new List<IngestRejection>();

        var alerts = new AlertFileReader().Read(path, rejections.Add).ToList();

        Assert.Equal(2, alerts.Count);
        var rejection = Assert.Single(rejections);
        Assert.Equal((path, 1L), (rejection.File, rejection.RecordIndex));
        Assert.Contains("has no candid", rejection.Reason);
    }

    [Fact]
    public void FileOfAnotherAvroSchema_IsRejectedAsNotAlerts()
    {
        var path = _folder.Write("not-alerts.avro", AvroFiles.ContainerOf("""{"type":"record","name":"heartbeat","fields":[{"name":"n","type":"int"}]}""", [2]));
        var rejections = new List<IngestRejection>();

        Assert.Empty(new AlertFileReader().Read(path, rejections.Add));
        Assert.Contains("'heartbeat' is not a ZTF alert", Assert.Single(rejections).Reason);
    }

    [Fact]
    public void UnknownCodec_IsRejectedByName()
    {
        var path = _folder.Write("zstd.avro", AvroFiles.ContainerOf("""{"type":"record","name":"x","fields":[]}""", [], codec: "zstandard"));
        var rejections = new List<IngestRejection>();

        Assert.Empty(new AlertFileReader().Read(path, rejections.Add));
        Assert.Contains("unsupported Avro codec 'zstandard'", Assert.Single(rejections).Reason);
    }

    [Fact]
    public void A_deflate_block_that_inflates_past_the_block_cap_is_rejected_without_allocating_for_all_of_it()
    {
        // 80 MiB of zeros deflate to ~80 kB: a bomb the 64 MiB cap on a decompressed block must stop.
        using var compressed = new MemoryStream();
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            deflate.Write(new byte[80 << 20]);
        var schema = SampleFiles.ReadRecords(SampleFiles.Ztf19acihgng)[0].Schema.ToString();
        var path = _folder.Write("bomb.avro", AvroFiles.ContainerOf(schema, compressed.ToArray(), codec: "deflate"));
        var rejections = new List<IngestRejection>();
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.Empty(new AlertFileReader().Read(path, rejections.Add));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("expands beyond 64 MiB", Assert.Single(rejections).Reason);
        Assert.True(allocated < 100L << 20, $"allocated {allocated >> 20} MiB"); // the 64 MiB read up to the cap, not twice that
    }

    [Theory]
    [InlineData("\"string\"")]
    [InlineData("\"bytes\"")]
    [InlineData("""{"type":"array","items":"long"}""")]
    [InlineData("""{"type":"map","values":"long"}""")]
    public void A_length_or_count_far_beyond_the_block_is_refused_before_anything_is_allocated_for_it(string type)
    {
        // Found by the fuzz suite: one corrupt byte in a count made Apache.Avro allocate 1.8 GB for the items it announced.
        var schema = $$"""{"type":"record","name":"r","fields":[{"name":"f","type":{{type}}}]}""";
        var file = AvroFiles.ContainerOf(schema, [.. ZigZag(200_000_000), 2, 4, 6]);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<AvroFormatException>(() =>
        {
            using var reader = AvroContainerReader.Open(new MemoryStream(file), new AvroSchemaCache());
            GenericRecord? record = null;
            while (reader.TryRead(ref record))
            {
            }
        });

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 32 << 20, $"allocated {allocated >> 20} MiB");
        Assert.Contains("cannot fit", error.Message);
    }

    [Fact]
    public void A_metadata_length_near_the_largest_long_is_a_corrupt_header()
    {
        // Found by the fuzz suite: 11 + long.MaxValue wrapped round the running total, and new byte[long.MaxValue] overflowed.
        byte[] file = [.. "Obj\x01"u8, .. ZigZag(1), .. ZigZag(11), .. "avro.schema"u8, .. ZigZag(long.MaxValue), 0, 0, 0];

        var error = Assert.Throws<AvroFormatException>(() => AvroContainerReader.Open(new MemoryStream(file), new AvroSchemaCache()));

        Assert.Contains("impossible metadata length", error.Message);
    }

    private static byte[] ZigZag(long value)
    {
        var bytes = new List<byte>();
        for (var v = (ulong)((value << 1) ^ (value >> 63)); ; v >>= 7)
        {
            if (v < 0x80)
            {
                bytes.Add((byte)v);
                return bytes.ToArray();
            }
            bytes.Add((byte)(v | 0x80));
        }
    }

    private static string Reason(IngestionReport report, string file) =>
        report.Rejections.Single(r => Path.GetFileName(r.File) == Path.GetFileName(file)).Reason;
}
