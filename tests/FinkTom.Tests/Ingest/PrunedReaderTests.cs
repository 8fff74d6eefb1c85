using Avro;
using FinkTom.Core.Model;
using FinkTom.Ingest.Avro;
using FinkTom.Ingest.Decoding;
using FinkTom.Ingest.Files;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Ingest;

/// <summary>
/// The fast decode path (records read with a pruned reader schema that skips the fields FinkTom does not keep)
/// against the generic one (every field materialised by Apache.Avro's own DataFileReader): every sample file
/// must give identical alerts, value for value, history point for point, cutout byte for byte.
/// </summary>
public sealed class PrunedReaderTests
{
    public static TheoryData<string> SampleFolders() =>
        new(Directory.EnumerateFiles(TestPaths.Samples, "*.avro", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestPaths.Samples, Path.GetDirectoryName(f)!)).Distinct().Order());

    [Theory]
    [MemberData(nameof(SampleFolders))]
    public void Fast_path_decodes_every_sample_file_to_the_alerts_of_the_generic_path(string folder)
    {
        var files = AlertFileFinder.Find([Path.Combine(TestPaths.Samples, folder)], r => Assert.Fail(r.Reason))
            .Where(f => f.DirectoryName == Path.GetFullPath(Path.Combine(TestPaths.Samples, folder)));
        var reader = new AlertFileReader();
        var compared = 0;
        foreach (var file in files)
        {
            var generic = SampleFiles.ReadRecords(file.FullName).Select(SampleFiles.Decoder.Decode).ToList();
            var fast = reader.Read(file.FullName, r => Assert.Fail($"{file.Name}: {r.Reason}")).ToList();

            Assert.Equal(generic.Count, fast.Count);
            for (var i = 0; i < generic.Count; i++)
                AssertSameAlert(generic[i], fast[i], $"{file.Name} #{i}");
            compared += generic.Count;
        }
        Assert.True(compared > 0);
    }

    [Theory]
    [InlineData("ztf/fink-client_datatest/ZTF19acihgng.avro", "prv_candidates", "pid")]
    [InlineData("fink/fink-client_datatransfer_ztf/part-3-305711.avro", "prv_candidates", "xpos")]
    [InlineData("fink/fink-client_datatransfer_ztf/part-3-305711.avro", "", "brokerIngestTimestamp")]
    public void Alert_schemas_are_read_through_a_pruned_reader(string sample, string parent, string field)
    {
        var schemas = new AvroSchemaCache();
        using (var container = AvroContainerReader.Open(File.OpenRead(TestPaths.Sample(sample)), schemas))
        {
            var cached = container.Schema;
            Assert.NotSame(cached.DatumReader, cached.AlertReader);
            var reader = (RecordSchema)cached.AlertReader.ReaderSchema;
            var writer = (RecordSchema)cached.Schema;
            Assert.True(Record(writer, parent).TryGetField(field, out _));
            Assert.False(Record(reader, parent).TryGetField(field, out _));
            Assert.True(Record(reader, parent).Fields.Count < Record(writer, parent).Fields.Count);
        }
    }

    [Fact]
    public void A_schema_that_is_not_an_alert_is_read_in_full()
    {
        var schema = new AvroSchemaCache().Get("""{"type":"record","name":"other","fields":[{"name":"x","type":"long"}]}""");

        Assert.Same(schema.DatumReader, schema.AlertReader);
    }

    [Fact]
    public void A_record_type_used_again_by_name_is_not_pruned()
    {
        // prv_candidates items reuse the candidate's type by name: pruning either definition would change both.
        var schema = new AvroSchemaCache().Get("""
            {"type":"record","name":"alert","namespace":"t","fields":[
              {"name":"objectId","type":"string"},
              {"name":"candid","type":"long"},
              {"name":"candidate","type":{"type":"record","name":"candidate","fields":[
                 {"name":"jd","type":"double"},{"name":"fid","type":"int"},{"name":"magpsf","type":"float"},{"name":"not_a_column","type":"long"}]}},
              {"name":"prv_candidates","type":["null",{"type":"array","items":"t.candidate"}]},
              {"name":"unused","type":"string"}]}
            """);

        var reader = (RecordSchema)schema.AlertReader.ReaderSchema;

        Assert.False(reader.TryGetField("unused", out _)); // the root is still pruned
        Assert.True(Record(reader, "candidate").TryGetField("not_a_column", out _));
    }

    private static RecordSchema Record(RecordSchema root, string field) => field switch
    {
        "" => root,
        "candidate" => (RecordSchema)Unwrap(root["candidate"].Schema),
        _ => (RecordSchema)Unwrap(((ArraySchema)Unwrap(root[field].Schema)).ItemSchema),
    };

    private static Schema Unwrap(Schema s) => s is UnionSchema u ? u.Schemas.First(x => x.Tag != Schema.Type.Null) : s;

    private static void AssertSameAlert(Alert expected, Alert actual, string where)
    {
        for (var i = 0; i < expected.Values.Length; i++)
        {
            if (!Equals(expected.Values[i], actual.Values[i]))
                Assert.Fail($"{where}: {ColumnCatalog.Stored[i].Name} is {actual.Values[i] ?? "null"}, generic path gives {expected.Values[i] ?? "null"}");
        }
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.Cutouts?.Science, actual.Cutouts?.Science);
        Assert.Equal(expected.Cutouts?.Template, actual.Cutouts?.Template);
        Assert.Equal(expected.Cutouts?.Difference, actual.Cutouts?.Difference);
    }
}
