namespace FinkTom.Core.Store;

/// <summary>
/// The <c>Data</c> section: the one folder where FinkTom writes its files, whatever the store backend — the SQLite
/// store (unless <c>Store:Sqlite:DatabasePath</c> names another file), the livestream filters and the Kafka outbox.
/// <c>--data-dir DIR</c> sets it.
/// </summary>
public sealed class DataFolderOptions
{
    public const string SectionName = "Data";

    /// <summary>The folder, relative to the working directory unless absolute; created when a file is first written there.</summary>
    public string Directory { get; set; } = "finktom-data";

    /// <summary>The path of a file of the data folder.</summary>
    public string PathOf(string fileName) => Path.Combine(Directory, fileName);

    /// <summary>What makes the setting unusable, or null.</summary>
    public string? Problem() =>
        string.IsNullOrWhiteSpace(Directory) ? "Data:Directory must name a folder (default finktom-data)."
        : File.Exists(Directory) ? $"Data:Directory '{Directory}' is a file, not a folder."
        : null;
}
