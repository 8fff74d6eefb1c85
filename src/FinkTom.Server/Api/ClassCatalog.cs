using System.Reflection;
using FinkTom.Core.Science;

namespace FinkTom.Server.Api;

/// <summary>
/// The class names of <c>/api/v1/classes</c> (contract §2.4): Fink's classifier labels, TNS types and SIMBAD
/// labels, read from the asset files Fink itself ships (see Assets/README.md).
/// </summary>
public sealed class ClassCatalog
{
    public const string FinkKey = "Fink classifiers";
    public const string TnsKey = "Cross-match with TNS";
    public const string SimbadKey = "Cross-match with SIMBAD (see http://simbad.u-strasbg.fr/simbad/sim-display?data=otypes)";

    public ClassCatalog()
    {
        FinkClasses = ReadLines("fink_types.csv").OrderBy(c => c.ToLowerInvariant(), StringComparer.Ordinal).ToList();
        TnsTypes = ReadLines("tns_types.csv").ToList();
        SimbadLabels = ReadSimbadLabels().ToList();
    }

    public IReadOnlyList<string> FinkClasses { get; }
    public IReadOnlyList<string> TnsTypes { get; }
    public IReadOnlyList<string> SimbadLabels { get; }

    /// <summary>Resolves a <c>class</c> parameter: <c>(TNS) X</c>, <c>(SIMBAD) X</c> or a bare Fink/SIMBAD name.</summary>
    public ClassSelection? Resolve(string name)
    {
        if (name.StartsWith("(TNS) ", StringComparison.Ordinal))
            return TnsTypes.Contains(name[6..]) ? new ClassSelection(null, name[6..]) : null;
        var bare = name.StartsWith("(SIMBAD) ", StringComparison.Ordinal) ? name[9..] : name;
        // "Unknown" is a valid class to list (Fink's class table holds it) though not offered in /classes.
        if (FinkClasses.Contains(bare) || SimbadLabels.Contains(bare) || bare == FinkClassifier.Unknown || FinkClassifier.FinkClasses.Contains(bare))
            return new ClassSelection(bare, null);
        return null;
    }

    private static IEnumerable<string> ReadLines(string asset)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("FinkTom.Assets." + asset)
            ?? throw new InvalidOperationException($"Missing embedded asset {asset}.");
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
            if (line.Trim().Length > 0)
                yield return line.Trim();
    }

    // otypes.txt is a "| otype | old_label | new_label" table; Fink serves the union of old and new labels.
    private static IEnumerable<string> ReadSimbadLabels()
    {
        var labels = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var line in ReadLines("otypes.txt"))
        {
            var cells = line.Split('|', StringSplitOptions.TrimEntries);
            if (cells.Length < 4 || cells[1] is "" or "otype")
                continue;
            labels.Add(cells[2]);
            labels.Add(cells[3]);
        }
        labels.Remove("Unknown");
        labels.Remove("");
        return labels;
    }
}

/// <summary>What a class name selects: a stored Fink classification or a TNS type.</summary>
public sealed record ClassSelection(string? Classification, string? TnsType);
