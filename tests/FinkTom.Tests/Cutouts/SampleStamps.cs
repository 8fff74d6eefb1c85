using Avro.File;
using Avro.Generic;

namespace FinkTom.Tests.Cutouts;

/// <summary>Real ZTF stamps, read from a sample alert packet shipped in <c>samples/</c>.</summary>
internal static class SampleStamps
{
    private static readonly Lazy<GenericRecord> Alert = new(ReadAlert);

    /// <summary>The gzip-compressed FITS science stamp of ZTF19acihgng, as the alert carries it.</summary>
    public static byte[] Science => Stamp("cutoutScience");

    public static byte[] Template => Stamp("cutoutTemplate");

    public static byte[] Difference => Stamp("cutoutDifference");

    private static byte[] Stamp(string field) => (byte[])((GenericRecord)Alert.Value[field])["stampData"];

    private static GenericRecord ReadAlert()
    {
        var path = Path.Combine(RepoRoot(), "samples", "ztf", "fink-client_datatest", "ZTF19acihgng.avro");
        using var reader = DataFileReader<GenericRecord>.OpenReader(path);
        return reader.Next();
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FinkTom.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No FinkTom.sln above {AppContext.BaseDirectory}.");
    }
}
