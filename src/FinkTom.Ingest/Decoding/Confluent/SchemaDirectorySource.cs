namespace FinkTom.Ingest.Decoding.Confluent;

/// <summary>
/// Writer schemas from a folder, for running offline. For schema id N (Rubin: M*100 + m for <c>lsst.vM_m</c>) it reads
/// the first file that exists of:
/// <list type="number">
/// <item><c>N.avsc</c> — e.g. <c>1000.avsc</c>: a whole schema, as the registry's <c>/schemas/ids/N</c> gives it or as
/// the header of an alert file holds it;</item>
/// <item><c>lsst.vM_m.alert.avsc</c> — e.g. <c>lsst.v10_0.alert.avsc</c>;</item>
/// <item><c>M/m/lsst.vM_m.alert.avsc</c> — lsst/alert_packet's schema tree (<c>python/lsst/alert/packet/schema</c>).</item>
/// </list>
/// A schema may name its nested records instead of defining them, as alert_packet's files do
/// (<c>"type": "lsst.v10_0.diaSource"</c>): each such name is read from <c>&lt;full name&gt;.avsc</c> beside it.
/// </summary>
public sealed class SchemaDirectorySource(string directory) : IWriterSchemaSource
{
    public string Directory { get; } = Path.GetFullPath(directory);

    public string Description => $"the schema folder {Directory}";

    public string? Find(int schemaId)
    {
        foreach (var name in FileNames(schemaId))
        {
            var path = Path.Combine(Directory, name);
            if (File.Exists(path))
                return AvscReferences.Inline(path);
        }
        return null;
    }

    /// <summary>The file names tried for a schema id, relative to the folder, in order.</summary>
    public static IReadOnlyList<string> FileNames(int schemaId)
    {
        var names = new List<string> { $"{schemaId}.avsc" };
        if (schemaId >= 0)
        {
            var (major, minor) = (schemaId / 100, schemaId % 100);
            names.Add($"lsst.v{major}_{minor}.alert.avsc");
            names.Add(Path.Combine(major.ToString(), minor.ToString(), $"lsst.v{major}_{minor}.alert.avsc"));
        }
        return names;
    }
}
