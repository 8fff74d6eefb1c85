namespace FinkTom.Core.Model;

/// <summary>
/// The columns one survey's alerts carry, named and typed as Fink serves them (<c>family:name</c>). A column's
/// <see cref="ColumnDef.Ordinal"/> is its index into <see cref="Alert.Values"/>.
/// </summary>
public sealed class AlertCatalog
{
    private readonly Dictionary<string, ColumnDef> _byName;

    public AlertCatalog(IEnumerable<(string Name, ColumnType Type, bool Nullable)> columns)
    {
        var all = new List<ColumnDef>();
        foreach (var (name, type, nullable) in columns)
        {
            if (name.IndexOf(':') <= 0)
                throw new ArgumentException($"Column '{name}' needs a family prefix such as 'i:'.", nameof(columns));
            all.Add(new ColumnDef(name, type, nullable, all.Count));
        }
        Stored = all;
        _byName = all.ToDictionary(c => c.Name, StringComparer.Ordinal); // throws on a repeated name
    }

    /// <summary>Every stored column, in order.</summary>
    public IReadOnlyList<ColumnDef> Stored { get; }

    public bool TryGet(string name, out ColumnDef column) => _byName.TryGetValue(name, out column!);

    public ColumnDef Get(string name) =>
        _byName.TryGetValue(name, out var c) ? c : throw new KeyNotFoundException($"Unknown column '{name}'.");

    /// <summary>The columns of one family (<c>i</c>, <c>d</c>, <c>r</c>, <c>f</c>...).</summary>
    public IEnumerable<ColumnDef> Family(string family) => Stored.Where(c => c.Family == family);

    /// <summary>The stored columns a query for <paramref name="names"/> returns, in catalogue order: all when null, otherwise
    /// the known requested ones plus <paramref name="always"/> (the keys every store fills).</summary>
    public IReadOnlyList<ColumnDef> Selection(IReadOnlyList<string>? names, IEnumerable<ColumnDef> always)
    {
        if (names is null)
            return Stored;
        var wanted = new HashSet<ColumnDef>(always);
        foreach (var name in names)
            if (TryGet(name, out var column))
                wanted.Add(column);
        return Stored.Where(wanted.Contains).ToList();
    }
}
