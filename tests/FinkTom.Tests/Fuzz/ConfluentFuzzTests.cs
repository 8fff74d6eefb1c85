using System.Buffers.Binary;
using CsCheck;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding;
using FinkTom.Ingest.Decoding.Confluent;
using FinkTom.Kafka;
using FinkTom.Kafka.Ingest;
using FinkTom.Tests.Support;
using FinkTom.Tests.Surveys.Lsst;

namespace FinkTom.Tests.Fuzz;

/// <summary>One fuzz input: a framed sample value, its header's id and magic byte maybe replaced, then its bytes edited.</summary>
public sealed record FramedCase(int Base, int? SchemaId, byte? Magic, ByteEdit[] Edits)
{
    public override string ToString() =>
        $"base {Base}{(SchemaId is { } id ? $" id {id}" : "")}{(Magic is { } m ? $" magic 0x{m:x2}" : "")} edits [{string.Join(", ", Edits)}]";
}

/// <summary>
/// Confluent-framed Kafka values (Rubin's stream) on damaged input: the bundled Fink alerts framed under id 7 and, from
/// <c>../shared/data</c>, Rubin's v10/v11 vectors, with the schema id swapped (v11 bytes under v10's id and back, unknown
/// ids), the magic byte changed and the bytes edited; random bytes; and schema folders in alert_packet's layout with a
/// file damaged. Through <see cref="ConfluentAlertDecoder"/> and
/// <see cref="KafkaMessageDecoder"/> (auto and confluent): an alert, <see cref="AvroFormatException"/> or
/// <see cref="AlertDecodeException"/>, never anything else, within 5 s and 256 MiB.
/// </summary>
public sealed class ConfluentFuzzTests : IDisposable
{
    private const int FinkId = 7;
    private readonly TempDirectory _schemas = new();

    public void Dispose() => _schemas.Dispose();

    private static readonly Gen<int?> SchemaIds = Gen.Frequency(
        (4, Gen.Const((int?)null)),
        (2, Gen.OneOf<int?>(FinkId, RubinKafkaSamples.V10, RubinKafkaSamples.V11)),
        (1, Gen.Int.Select(i => (int?)i)));

    private static Gen<FramedCase> Cases(int bases) => Gen.Select(Gen.Int[0, bases - 1], SchemaIds,
        Gen.Frequency((6, Gen.Const((byte?)null)), (1, Gen.Byte.Select(b => (byte?)b))),
        Gen.Frequency((1, Gen.Const(Array.Empty<ByteEdit>())), (4, Mutations.Edits(4))),
        (b, id, magic, edits) => new FramedCase(b, id, magic, edits));

    private static byte[] Build(FramedCase input, IReadOnlyList<byte[]> bases)
    {
        var value = (byte[])bases[input.Base % bases.Count].Clone();
        if (input.SchemaId is { } id)
            BinaryPrimitives.WriteInt32BigEndian(value.AsSpan(1, 4), id);
        if (input.Magic is { } magic)
            value[0] = magic;
        return Mutations.Apply(value, input.Edits);
    }

    [Fact]
    public void Framed_Fink_alerts_decode_or_throw_a_format_or_decode_exception()
    {
        var bases = FinkFramed();
        var tally = new FuzzTally();
        FuzzRun.Check(Cases(bases.Count), input => DecodeEveryWay(Build(input, bases), tally), ci: 400, print: input => input.ToString());
        tally.Log();
        Assert.True(tally["alert"] > 0, "no input decoded: the property only saw refusals");
    }

    [SharedDataFact]
    public void Framed_Rubin_vectors_decode_or_throw_a_format_or_decode_exception_shared_data()
    {
        RubinKafkaSamples.WriteSchemaFolder(_schemas);
        byte[][] bases = [RubinKafkaSamples.Vector(RubinKafkaSamples.V10), RubinKafkaSamples.Vector(RubinKafkaSamples.V11)];
        var tally = new FuzzTally();
        FuzzRun.Check(Cases(bases.Length), input => DecodeEveryWay(Build(input, bases), tally), ci: 400, print: input => input.ToString());
        tally.Log();
        Assert.True(tally["alert"] > 0, "no input decoded: the property only saw refusals");
    }

    [Fact]
    public void Random_bytes_with_or_without_a_header_are_refused_with_a_reason()
    {
        FinkFramed();
        var values = Gen.Frequency(
            (1, Gen.Byte.Array[0, 1024]),
            (2, Gen.Select(SchemaIds, Gen.Byte.Array[0, 1024], (id, body) => ConfluentFraming.Frame(id ?? FinkId, body))));
        var tally = new FuzzTally();
        FuzzRun.Check(values, value => DecodeEveryWay(value, tally), ci: 300);
        tally.Log();
    }

    [SharedDataFact]
    public void Damaged_alert_packet_schema_files_give_a_schema_or_a_format_exception_shared_data()
    {
        // alert_packet's layout (10/0/lsst.v10_0.alert.avsc naming its records in sibling files), one file's bytes edited.
        var pristine = Path.Combine(_schemas.Path, "pristine");
        SplitSchemaFiles.Write(RubinKafkaSamples.SchemaJson(RubinKafkaSamples.V10), pristine);
        var files = Directory.GetFiles(pristine).Order(StringComparer.Ordinal).ToArray();
        var vector = RubinKafkaSamples.Vector(RubinKafkaSamples.V10);
        var tally = new FuzzTally();
        FuzzRun.Check(Gen.Select(Gen.Int[0, files.Length - 1], Mutations.Edits(3)), input =>
        {
            var folder = Path.Combine(_schemas.Path, Guid.NewGuid().ToString("N"));
            var tree = Directory.CreateDirectory(Path.Combine(folder, "10", "0")).FullName;
            foreach (var file in files)
                File.Copy(file, Path.Combine(tree, Path.GetFileName(file)));
            var damaged = Path.Combine(tree, Path.GetFileName(files[input.Item1]));
            File.WriteAllBytes(damaged, Mutations.Apply(File.ReadAllBytes(damaged), input.Item2));
            var decoder = new ConfluentAlertDecoder(new WriterSchemaResolver([new SchemaDirectorySource(folder)]));
            try
            {
                Bounded.Run(() => decoder.Decode(vector));
                tally.Add("alert");
            }
            catch (Exception e) when (e is AvroFormatException or AlertDecodeException)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                tally.Add(e.GetType().Name);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }, ci: 200, print: input => $"{Path.GetFileName(files[input.Item1])} edits [{string.Join(", ", input.Item2)}]", threads: 1);
        tally.Log();
    }

    // The Data Transfer alerts framed under id 7, their schema in the folder as 7.avsc.
    private List<byte[]> FinkFramed()
    {
        var messages = RubinKafkaSamples.FinkLayoutMessages();
        _schemas.Write($"{FinkId}.avsc", messages[0].Key);
        return messages.Select(m => ConfluentFraming.Frame(FinkId, m.Value)).ToList();
    }

    private void DecodeEveryWay(byte[] value, FuzzTally tally)
    {
        _decoders ??= Decoders();
        foreach (var decode in _decoders)
        {
            try
            {
                Bounded.Run(() => decode(value));
                tally.Add("alert");
            }
            catch (Exception e) when (e is AvroFormatException or AlertDecodeException)
            {
                Assert.False(string.IsNullOrWhiteSpace(e.Message));
                tally.Add(e.GetType().Name);
            }
        }
    }

    private Func<byte[], int>[]? _decoders;

    // Built once the folder holds its schemas: each caches what it resolved, as in a running ingestor.
    private Func<byte[], int>[] Decoders()
    {
        var confluent = new ConfluentAlertDecoder(new WriterSchemaResolver([new SchemaDirectorySource(_schemas.Path)]));
        var auto = KafkaMessageDecoder.For(new KafkaIngestOptions { SchemaDirectory = _schemas.Path });
        var framed = KafkaMessageDecoder.For(new KafkaIngestOptions { Framing = "confluent", SchemaDirectory = _schemas.Path });
        return
        [
            v => confluent.Decode(v) is null ? 0 : 1,
            v => auto.Decode(null, v).Count,
            v => framed.Decode("{}"u8.ToArray(), v).Count, // the key is not read in this framing
        ];
    }
}
