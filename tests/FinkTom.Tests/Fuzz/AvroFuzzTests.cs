using System.Text;
using CsCheck;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding;
using FinkTom.Ingest.Files;
using FinkTom.Kafka.Wire;
using FinkTom.Tests.Ingest;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Fuzz;

/// <summary>A text replacement in a schema: the <see cref="Occurrence"/>-th match of <see cref="From"/> (modulo their number).</summary>
public readonly record struct TextSwap(string From, string To, int Occurrence)
{
    public string Apply(string text)
    {
        var positions = new List<int>();
        for (var at = text.IndexOf(From, StringComparison.Ordinal); at >= 0; at = text.IndexOf(From, at + 1, StringComparison.Ordinal))
            positions.Add(at);
        if (positions.Count == 0)
            return text;
        var chosen = positions[Occurrence % positions.Count];
        return string.Concat(text.AsSpan(0, chosen), To, text.AsSpan(chosen + From.Length));
    }

    public override string ToString() => $"'{From}'→'{To}' #{Occurrence}";
}

public enum BlockEditKind { Duplicate, Drop, Count, Size, Sync, Empty }

public readonly record struct BlockEdit(BlockEditKind Kind, int Block, long Number)
{
    public override string ToString() => $"{Kind} block {Block}" + (Kind is BlockEditKind.Count or BlockEditKind.Size ? $" = {Number}" : "");
}

/// <summary>One fuzz input: a sample container, re-encoded with a codec, with edits to its schema, its blocks, one
/// block's records and finally the file's bytes.</summary>
public sealed record AvroCase(int Base, string Compress, string? HeaderCodec, TextSwap[] Schema, BlockEdit[] Blocks, int DataBlock,
    ByteEdit[] Data, ByteEdit[] File)
{
    public override string ToString() =>
        $"{AvroFuzzTests.BaseName(Base)} as {Compress}{(HeaderCodec is null ? "" : $" named '{HeaderCodec}'")}; schema [{string.Join(", ", Schema)}];" +
        $" blocks [{string.Join(", ", Blocks)}]; block {DataBlock} data [{string.Join(", ", Data)}]; file [{string.Join(", ", File)}]";
}

/// <summary>
/// Avro ingestion on damaged input: random bytes, and real sample files (raw ZTF, Spark-written, Fink-enriched with snappy,
/// old Fink formats, LSST) re-encoded as null, deflate or snappy with their schema, framing, records or bytes edited.
/// <see cref="AlertFileReader"/> yields alerts and reports rejections, never throws; the container reader throws only
/// <see cref="AvroFormatException"/>; the payload decoders only that or <see cref="AlertDecodeException"/>. Each input runs
/// within 5 s and 256 MiB of allocations.
/// </summary>
public sealed class AvroFuzzTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly AlertFileReader _files = new(new AlertDecoder(), new AvroSchemaCache());
    private readonly AlertPayloadDecoder _payloads = new();
    private readonly AvroSchemaCache _schemas = new();

    public void Dispose() => _folder.Dispose();

    private static readonly Lazy<(string Name, AvroContainer Container)[]> Bases = new(() =>
    {
        var bases = new List<(string, AvroContainer)>
        {
            ("ZTF 3.3 alert", Load(SampleFiles.Ztf19acihgng)),
            ("ZTF 3.3, 3 alerts", Load(SampleFiles.ZtfMultiAlerts)),
            ("Spark ZTF 4.02", Load(TestPaths.Sample("ztf/fink-broker_datasim/all_distribute_topics/part-00000-0b960f60-420c-4175-b2cc-ff6b135bfece-c000.avro"))),
            ("Fink 2019", Load(SampleFiles.Fink2019)),
            ("Fink 2020 stream", Load(SampleFiles.Fink2020, maxBlocks: 2)),
            ("Data Transfer", Load(SampleFiles.DataTransfer, maxBlocks: 3)),
            ("Fink snappy", Load(SampleFiles.Snappy, maxBlocks: 2)),
        };
        if (TestPaths.SharedData is { } shared && File.Exists(Path.Combine(shared, "lsst/alert_packet_samples/v11_0/fakeAlert.avro")))
            bases.Add(("LSST v11 (not ZTF)", Load(Path.Combine(shared, "lsst/alert_packet_samples/v11_0/fakeAlert.avro"))));
        return bases.ToArray();
    });

    private static AvroContainer Load(string path, int maxBlocks = int.MaxValue) => AvroContainer.Read(File.ReadAllBytes(path), maxBlocks);

    public static string BaseName(int index) => Bases.Value[index % Bases.Value.Length].Name;

    // Type and name changes that keep the JSON valid but make the schema disagree with the data (or stop being an alert).
    private static readonly (string From, string To)[] SchemaSwaps =
    [
        ("\"long\"", "\"int\""), ("\"int\"", "\"long\""), ("\"double\"", "\"float\""), ("\"float\"", "\"double\""), ("\"string\"", "\"bytes\""),
        ("\"bytes\"", "\"string\""), ("\"null\",", ""), (",\"null\"", ""), ("\"null\"", "\"boolean\""), ("\"record\"", "\"map\""),
        ("\"array\"", "\"null\""), ("\"items\"", "\"values\""), ("\"fields\"", "\"field\""), ("candidate", "candidat"), ("objectId", "objectid"),
        ("\"candid\"", "\"candidx\""), ("\"jd\"", "\"jj\""), ("stampData", "stamp"), ("\"type\"", "\"tipe\""), ("prv_candidates", "prv"),
        ("{", "["), ("\"", ""), (":", ","), ("\"string\"", "\"null\""), ("\"double\"", "\"null\""),
    ];

    private static readonly Gen<TextSwap> Swap = Gen.Select(Gen.OneOf(SchemaSwaps), Gen.Int[0, 200], (s, n) => new TextSwap(s.From, s.To, n));

    private static readonly Gen<BlockEdit> BlockEditGen = Gen.Select(Gen.Enum<BlockEditKind>(), Gen.Int[0, 3], Mutations.Number,
        (kind, block, number) => new BlockEdit(kind, block, number));

    public static readonly Gen<AvroCase> Cases = Gen.Select(
        Gen.Int[0, 7], Gen.OneOf("original", "null", "deflate", "snappy"),
        Gen.Frequency<string?>((8, Gen.Const((string?)null)), (1, Gen.OneOf<string?>("null", "deflate", "snappy", "zstandard", "bzip2", "xz", "", "DEFLATE", "snappy ", "nul\0l"))),
        Gen.Frequency<TextSwap[]>((6, Gen.Const(Array.Empty<TextSwap>())), (1, Swap.Array[1, 3])),
        Gen.Frequency<BlockEdit[]>((5, Gen.Const(Array.Empty<BlockEdit>())), (1, BlockEditGen.Array[1, 2])),
        Gen.Int[0, 3],
        Gen.Frequency<ByteEdit[]>((2, Gen.Const(Array.Empty<ByteEdit>())), (3, Mutations.Edits(4))),
        Gen.Frequency<ByteEdit[]>((3, Gen.Const(Array.Empty<ByteEdit>())), (2, Mutations.Edits(4))),
        (b, compress, header, schema, blocks, dataBlock, data, file) => new AvroCase(b, compress, header, schema, blocks, dataBlock, data, file));

    public static byte[] Build(AvroCase input)
    {
        var (_, container) = Bases.Value[input.Base % Bases.Value.Length];
        var schema = input.Schema.Aggregate(container.SchemaJson, (text, swap) => swap.Apply(text));
        var blocks = container.Blocks.ToList();
        var target = input.DataBlock % blocks.Count;
        blocks[target] = blocks[target] with { Data = Mutations.Apply(blocks[target].Data, input.Data) };
        foreach (var edit in input.Blocks)
        {
            if (blocks.Count == 0)
                break;
            var at = edit.Block % blocks.Count;
            switch (edit.Kind)
            {
                case BlockEditKind.Duplicate: blocks.Insert(at, blocks[at]); break;
                case BlockEditKind.Drop: blocks.RemoveAt(at); break;
                case BlockEditKind.Count: blocks[at] = blocks[at] with { Count = edit.Number }; break;
                case BlockEditKind.Size: blocks[at] = blocks[at] with { DeclaredSize = edit.Number }; break;
                case BlockEditKind.Sync: blocks[at] = blocks[at] with { Sync = new byte[AvroContainerHeader.SyncLength] }; break;
                case BlockEditKind.Empty: blocks[at] = blocks[at] with { Data = [] }; break;
            }
        }
        var compress = input.Compress == "original" ? container.Codec : input.Compress;
        var file = (container with { SchemaJson = schema, Blocks = blocks }).Write(compress, input.HeaderCodec);
        return Mutations.Apply(file, input.File);
    }

    [Fact]
    public void Damaged_sample_files_give_alerts_and_reasons_never_an_exception()
    {
        var tally = new FuzzTally();
        FuzzRun.Check(Cases, input => ReadFile(Build(input), tally), ci: 500, print: input => input.ToString());
        tally.Log();
    }

    [Fact]
    public void Random_bytes_are_rejected_with_a_reason()
    {
        var bytes = Gen.Frequency<byte[]>(
            (2, Gen.Byte.Array[0, 2048]),
            (2, Gen.Byte.Array[0, 2048].Select(b => "Obj\x01"u8.ToArray().Concat(b).ToArray())),
            // A header that gets as far as the schema entry, then random bytes.
            (1, Gen.Byte.Array[0, 512].Select(b =>
                "Obj\x01"u8.ToArray().Concat(Mutations.Varint(1)).Concat(Mutations.Varint(11)).Concat("avro.schema"u8.ToArray()).Concat(b).ToArray())));
        var tally = new FuzzTally();
        FuzzRun.Check(bytes, file => ReadFile(file, tally), ci: 300);
        tally.Log();
    }

    [Fact]
    public void The_container_reader_reads_records_or_throws_only_its_format_exception() =>
        FuzzRun.Check(Gen.Select(Cases, Gen.Bool), input =>
        {
            var (avroCase, alertFieldsOnly) = input;
            var file = Build(avroCase);
            Bounded.Run(() =>
            {
                try
                {
                    using var reader = AvroContainerReader.Open(new MemoryStream(file), _schemas, alertFieldsOnly: alertFieldsOnly);
                    Avro.Generic.GenericRecord? record = null;
                    while (reader.TryRead(ref record))
                    {
                    }
                }
                catch (AvroFormatException e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                }
            });
        }, ci: 500, print: input => input.ToString());

    [Fact]
    public void Kafka_container_payloads_decode_or_throw_a_format_or_decode_exception() =>
        FuzzRun.Check(Cases, input =>
        {
            var payload = Build(input);
            Bounded.Run(() =>
            {
                try
                {
                    _payloads.DecodeContainer(payload);
                }
                catch (Exception e) when (e is AvroFormatException or AlertDecodeException)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                }
            });
        }, ci: 400, print: input => input.ToString());

    // Schemaless values: the records of one-alert blocks with their file's schema, and alerts in FinkTom's own livestream encoding.
    private static readonly Lazy<(string Schema, byte[] Value)[]> Schemaless = new(() =>
    {
        var values = new List<(string, byte[])>();
        foreach (var (_, container) in Bases.Value)
            values.AddRange(container.Blocks.Where(b => b.Count == 1).Take(2).Select(b => (container.SchemaJson, b.Data)));
        values.AddRange(SampleFiles.ReadAlerts(SampleFiles.DataTransfer).Take(3).Concat(SampleFiles.ReadAlerts(SampleFiles.Ztf19acihgng))
            .Select(a => (FinkWireFormat.SchemaJson, FinkWireFormat.Encode(a))));
        return values.ToArray();
    });

    [Fact]
    public void Schemaless_payloads_decode_or_throw_a_format_or_decode_exception() =>
        FuzzRun.Check(Gen.Select(Gen.Int[0, 100], Gen.Frequency<TextSwap[]>((5, Gen.Const(Array.Empty<TextSwap>())), (1, Swap.Array[1, 2])),
            Mutations.Edits(4)), input =>
        {
            var (index, swaps, edits) = input;
            var (schema, value) = Schemaless.Value[index % Schemaless.Value.Length];
            var schemaText = swaps.Aggregate(schema, (text, swap) => swap.Apply(text));
            var payload = Mutations.Apply(value, edits);
            Bounded.Run(() =>
            {
                try
                {
                    _payloads.DecodeSchemaless(payload, schemaText);
                }
                catch (Exception e) when (e is AvroFormatException or AlertDecodeException)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                }
            });
        }, ci: 800, print: input => $"value {input.Item1} schema [{string.Join(", ", input.Item2)}] edits [{string.Join(", ", input.Item3)}]");

    private void ReadFile(byte[] file, FuzzTally tally)
    {
        var path = _folder.Write(Guid.NewGuid().ToString("N") + ".avro", file);
        try
        {
            var rejections = new List<IngestRejection>();
            var alerts = Bounded.Run(() => _files.Read(path, rejections.Add).Count());
            Assert.All(rejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));
            Assert.True(rejections.Count(r => r.IsWholeFile) <= 1, string.Join("; ", rejections));
            tally.Add((alerts > 0 ? "alerts" : "no alert") + (rejections.Count > 0 ? " + rejection" : ""));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
