namespace FinkTom.Server.Hosting;

/// <summary>Which store backend serves the data (<c>Store</c> section). <c>sqlite</c> (default) or <c>elasticsearch</c>.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Store";

    public string Backend { get; set; } = "sqlite";

    public bool IsElasticsearch => string.Equals(Backend, "elasticsearch", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The bundled real sample alerts ingested on first start (<c>Samples</c> section).</summary>
public sealed class SampleOptions
{
    public const string SectionName = "Samples";

    /// <summary>Ingest the samples when the store is empty at start-up (<c>--no-sample</c> turns it off).</summary>
    public bool IngestOnEmptyStore { get; set; } = true;

    /// <summary>Folder of sample Avro files; defaults to the <c>samples</c> folder shipped beside the executable.</summary>
    public string Path { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "samples");
}
