using Avro;
using Avro.Generic;
using Avro.IO;
using CsCheck;
using FinkTom.Core.Model;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding;
using FinkTom.Ingest.Files;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Ingest;

/// <summary>
/// The direct decoder (Avro bytes straight to alerts, <c>DirectAlertPlan</c>) against the generic one (Apache.Avro's
/// records through <see cref="AlertDecoder"/>): every bundled and shared sample file, random records of the real
/// writer schemas, and corrupt or truncated bytes, which must end in a clear error, never a crash.
/// </summary>
public sealed class DirectDecodingTests
{
    private static readonly AlertDecoder Generic = new();

    public static TheoryData<string> SampleFiles() => new(AllSampleFiles().Select(f => f.Display));

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Every_sample_file_decodes_to_the_alerts_of_the_generic_path(string display)
    {
        var file = AllSampleFiles().Single(f => f.Display == display).Path;
        var expected = Ingest.SampleFiles.ReadRecords(file).Select(Generic.Decode).ToList();
        var actual = new AlertFileReader().Read(file, r => Assert.Fail(r.ToString())).ToList();

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            AssertSameAlert(expected[i], actual[i], $"{display} #{i}");
    }

    [Fact]
    public void Every_sample_schema_has_a_direct_plan()
    {
        var schemas = new AvroSchemaCache();
        var planned = 0;
        foreach (var (path, display) in AllSampleFiles())
        {
            using var reader = AvroContainerReader.Open(File.OpenRead(path), schemas);
            Assert.True(reader.Schema.DirectPlan is not null, $"{display}: no direct plan");
            planned++;
        }
        Assert.True(planned >= 200, $"only {planned} files planned");
    }

    [Theory]
    [InlineData("fink/fink-client_datatransfer_ztf/part-3-305711.avro")]
    [InlineData("ztf/fink-client_datatest/ZTF19acihgng.avro")]
    [InlineData("fink/fink-client_tests_data/fink-broker-sample-alert-1.avro")]
    [InlineData("fink/fink-client_datatest/avro_multi_alerts.avro")]
    [InlineData("lsst/fink-client_datatransfer_lsst/part-2-918301.avro")]
    public void Random_records_of_a_real_schema_decode_as_on_the_generic_path(string sample)
    {
        var schema = SchemaOf(TestPaths.Sample(sample));
        var payloads = new AlertPayloadDecoder();
        var decoded = 0;
        Gen.Int.Sample(seed =>
        {
            var record = (GenericRecord)RandomValue(schema.Schema, new Random(seed), depth: 0)!;
            var bytes = Encode(schema.Schema, record);
            var expected = Outcome(() => Generic.Decode(ReadGeneric(schema.Schema, bytes)));
            var actual = Outcome(() => payloads.DecodeSchemaless(bytes, schema));
            Assert.Equal(expected.Error, actual.Error);
            if (expected.Alert is not null)
            {
                AssertSameAlert(expected.Alert, actual.Alert!, $"seed {seed}");
                Interlocked.Increment(ref decoded);
            }
        }, iter: 60);
        Assert.True(decoded > 0, "no random record was an alert: the comparison saw only errors");
    }

    [Theory]
    [InlineData("fink/fink-client_datatransfer_ztf/part-3-305711.avro")]
    [InlineData("ztf/fink-client_datatest/ZTF19acihgng.avro")]
    [InlineData("lsst/fink-client_datatransfer_lsst/part-2-918301.avro")]
    public void Corrupt_or_truncated_bytes_give_a_clear_error_or_an_alert(string sample)
    {
        var path = TestPaths.Sample(sample);
        var schema = SchemaOf(path);
        var payloads = new AlertPayloadDecoder();
        var valid = Ingest.SampleFiles.ReadRecords(path).Select(r => Encode(schema.Schema, r)).ToArray();
        var mutation = Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Int[0, 2], Gen.Int, Gen.Byte);
        mutation.Sample((which, kind, at, value) =>
        {
            var bytes = Mutate(valid[which], kind, at, value);
            try
            {
                payloads.DecodeSchemaless(bytes, schema);
            }
            catch (Exception e) when (e is AvroFormatException or AlertDecodeException)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
            }
        }, iter: 2000);
    }

    [Fact]
    public void A_corrupt_block_keeps_the_blocks_before_it_in_file_order()
    {
        var (file, blocks) = ManyBlockFile(records: 400);
        using var temp = new TempDirectory();
        var clean = Ingest.SampleFiles.ReadAlerts(WriteTemp(temp.Path, file));
        Assert.True(blocks.Count > 100, $"{blocks.Count} blocks");

        Gen.Select(Gen.Int[1, blocks.Count - 1], Gen.Int[0, 2]).Sample((k, how) =>
        {
            var damaged = Damage(file, blocks[k], how);
            var rejections = new List<IngestRejection>();
            var alerts = new AlertFileReader().Read(WriteTemp(temp.Path, damaged), rejections.Add).ToList();

            var before = blocks[k].FirstRecord;
            Assert.Equal(before, alerts.Count);
            Assert.Equal(clean.Take((int)before).Select(a => a.Candid), alerts.Select(a => a.Candid));
            var rejection = Assert.Single(rejections);
            Assert.True(rejection.IsWholeFile);
            Assert.Contains($"{before} alerts before it were kept", rejection.Reason);
            Assert.Contains(how switch { 0 => "sync marker", 1 => "truncated", _ => "corrupt record" }, rejection.Reason);
        }, iter: 20);
    }

    // --- files ---

    private static IEnumerable<(string Path, string Display)> AllSampleFiles()
    {
        var roots = new List<(string Root, string Name)> { (TestPaths.Samples, "samples") };
        if (TestPaths.SharedData is { } shared)
            roots.Add((shared, "shared"));
        return roots.SelectMany(r => Directory.EnumerateFiles(r.Root, "*.avro", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length > 0)
            .Select(f => (f, r.Name + "/" + Path.GetRelativePath(r.Root, f))))
            .OrderBy(f => f.Item2, StringComparer.Ordinal);
    }

    private static CachedSchema SchemaOf(string path)
    {
        using var reader = AvroContainerReader.Open(File.OpenRead(path), new AvroSchemaCache());
        Assert.NotNull(reader.Schema.DirectPlan);
        return reader.Schema;
    }

    private sealed record BlockInfo(long Start, long DataStart, long SyncStart, long FirstRecord);

    /// <summary>The Data Transfer sample's records (stamps left out) written again and again with a tiny sync
    /// interval: hundreds of blocks of one to a few records, and where each block lies.</summary>
    private static (byte[] File, List<BlockInfo> Blocks) ManyBlockFile(int records)
    {
        var templates = Ingest.SampleFiles.ReadRecords(Ingest.SampleFiles.DataTransfer);
        var schema = templates[0].Schema;
        using var stream = new MemoryStream();
        using (var writer = global::Avro.File.DataFileWriter<GenericRecord>.OpenWriter(new GenericDatumWriter<GenericRecord>(schema), stream, leaveOpen: true))
        {
            writer.SetSyncInterval(2048);
            for (var i = 0; i < records; i++)
            {
                var template = templates[i % templates.Count];
                var copy = new GenericRecord(schema);
                foreach (var field in schema.Fields)
                    copy.Add(field.Name, template[field.Name]);
                copy.Add("candid", 1_000_000_000_000_000_000L + i);
                foreach (var cutout in new[] { "cutoutScience", "cutoutTemplate", "cutoutDifference" })
                {
                    var stamp = new GenericRecord(((GenericRecord)template[cutout]).Schema);
                    stamp.Add("fileName", "x");
                    stamp.Add("stampData", null);
                    copy.Add(cutout, stamp);
                }
                writer.Append(copy);
            }
        }
        var file = stream.ToArray();
        return (file, BlockPositions(file));
    }

    private static List<BlockInfo> BlockPositions(byte[] file)
    {
        using var stream = new MemoryStream(file);
        using var reader = AvroContainerReader.Open(stream, new AvroSchemaCache(), leaveOpen: true);
        var blocks = new List<BlockInfo>();
        long first = 0;
        while (true)
        {
            var start = stream.Position;
            var count = ReadLong(stream, out var more);
            if (!more)
                return blocks;
            var size = ReadLong(stream, out _);
            var dataStart = stream.Position;
            blocks.Add(new BlockInfo(start, dataStart, dataStart + size, first));
            stream.Position = dataStart + size + 16;
            first += count;
        }
    }

    private static long ReadLong(Stream stream, out bool any)
    {
        ulong value = 0;
        var shift = 0;
        any = false;
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            any = true;
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                break;
            shift += 7;
        }
        return (long)(value >> 1) ^ -(long)(value & 1);
    }

    // 0: the block's sync marker changed; 1: the file cut inside the block; 2: the block's bytes overwritten (its
    // first record's first field, a union index, becomes an endless varint).
    private static byte[] Damage(byte[] file, BlockInfo block, int how)
    {
        switch (how)
        {
            case 0:
            {
                var copy = (byte[])file.Clone();
                copy[block.SyncStart + 3] ^= 0x5A;
                return copy;
            }
            case 1:
                return file[..(int)((block.DataStart + block.SyncStart) / 2)];
            default:
            {
                var copy = (byte[])file.Clone();
                copy.AsSpan((int)block.DataStart, 16).Fill(0xFF);
                return copy;
            }
        }
    }

    private static string WriteTemp(string folder, byte[] bytes)
    {
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}.avro");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // --- random records ---

    private static object? RandomValue(Schema schema, Random random, int depth)
    {
        switch (schema)
        {
            case UnionSchema union:
            {
                var branches = union.Schemas;
                var nonNull = branches.Where(b => b.Tag != Schema.Type.Null).ToList();
                var pick = random.Next(5) == 0 || nonNull.Count == 0 ? branches[random.Next(branches.Count)] : nonNull[random.Next(nonNull.Count)];
                return RandomValue(pick, random, depth);
            }
            case RecordSchema record:
            {
                var value = new GenericRecord(record);
                foreach (var field in record.Fields)
                    value.Add(field.Name, RandomValue(field.Schema, random, depth + 1));
                return value;
            }
            case ArraySchema array:
                return Enumerable.Range(0, depth > 3 ? 0 : random.Next(5)).Select(_ => RandomValue(array.ItemSchema, random, depth + 1)).ToArray();
            case MapSchema map:
                return Enumerable.Range(0, random.Next(4)).ToDictionary(i => RandomString(random) + i, _ => RandomValue(map.ValueSchema, random, depth + 1));
            case LogicalSchema logical: // Spark's timestamps: the generic writer takes a DateTime
                return logical.LogicalTypeName.StartsWith("timestamp", StringComparison.Ordinal)
                    ? DateTime.UnixEpoch.AddSeconds(random.Next())
                    : throw new NotSupportedException(logical.LogicalTypeName);
            case EnumSchema @enum:
                return new GenericEnum(@enum, @enum.Symbols[random.Next(@enum.Symbols.Count)]);
            case FixedSchema @fixed:
            {
                var bytes = new byte[@fixed.Size];
                random.NextBytes(bytes);
                return new GenericFixed(@fixed, bytes);
            }
        }
        return schema.Tag switch
        {
            Schema.Type.Null => null,
            Schema.Type.Boolean => random.Next(2) == 0,
            Schema.Type.Int => random.Next(4) switch { 0 => int.MaxValue, 1 => int.MinValue, 2 => random.Next(-3, 4), _ => random.Next() },
            Schema.Type.Long => random.Next(4) switch { 0 => long.MaxValue, 1 => long.MinValue, 2 => (long)random.Next(-3, 4), _ => random.NextInt64(long.MinValue, long.MaxValue) },
            Schema.Type.Float => random.Next(6) switch { 0 => float.NaN, 1 => float.PositiveInfinity, 2 => -0f, 3 => float.Epsilon, _ => (float)(random.NextDouble() * 400 - 200) },
            Schema.Type.Double => random.Next(6) switch { 0 => double.NaN, 1 => double.NegativeInfinity, 2 => -0d, 3 => double.MaxValue, _ => random.NextDouble() * 2.5e6 },
            Schema.Type.String => RandomString(random),
            Schema.Type.Bytes => RandomBytes(random),
            _ => throw new NotSupportedException(schema.Tag.ToString()),
        };
    }

    private static string RandomString(Random random) => random.Next(4) switch
    {
        0 => "",
        1 => "ZTF" + random.Next(100_000, 999_999),
        2 => random.Next(2) == 0 ? "t" : "f",
        _ => new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => (char)random.Next(0x20, 0x3000)).Where(c => !char.IsSurrogate(c)).ToArray()),
    };

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 40)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Encode(Schema schema, GenericRecord record)
    {
        using var stream = new MemoryStream();
        new GenericDatumWriter<GenericRecord>(schema).Write(record, new BinaryEncoder(stream));
        return stream.ToArray();
    }

    private static GenericRecord ReadGeneric(Schema schema, byte[] bytes) =>
        new GenericDatumReader<GenericRecord>(schema, schema).Read(null!, new BinaryDecoder(new MemoryStream(bytes)));

    private static (Alert? Alert, string? Error) Outcome(Func<Alert> decode)
    {
        try
        {
            return (decode(), null);
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            return (null, $"{e.GetType().Name}: {e.Message}");
        }
    }

    private static byte[] Mutate(byte[] valid, int kind, int at, byte value)
    {
        var position = (int)((uint)at % (uint)Math.Max(1, valid.Length));
        switch (kind)
        {
            case 0:
                return valid[..position]; // truncated
            case 1:
            {
                var copy = (byte[])valid.Clone();
                copy[position] = value;
                return copy;
            }
            default:
                return [.. valid[..position], value, .. valid[position..]];
        }
    }

    private static void AssertSameAlert(Alert expected, Alert actual, string where)
    {
        for (var i = 0; i < expected.Values.Length; i++)
        {
            if (!Equals(expected.Values[i], actual.Values[i]) || expected.Values[i]?.GetType() != actual.Values[i]?.GetType())
                Assert.Fail($"{where}: {expected.Survey.Catalog.Stored[i].Name} is {actual.Values[i] ?? "null"}, generic path gives {expected.Values[i] ?? "null"}");
        }
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.Measurements.Count, actual.Measurements.Count);
        for (var i = 0; i < expected.Measurements.Count; i++)
        {
            Assert.Equal(expected.Measurements[i].Kind.Name, actual.Measurements[i].Kind.Name);
            Assert.Equal(expected.Measurements[i].Values, actual.Measurements[i].Values);
        }
        Assert.Equal(expected.Cutouts?.Science, actual.Cutouts?.Science);
        Assert.Equal(expected.Cutouts?.Template, actual.Cutouts?.Template);
        Assert.Equal(expected.Cutouts?.Difference, actual.Cutouts?.Difference);
    }
}
