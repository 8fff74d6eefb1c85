using FinkTom.Core.Surveys;

namespace FinkTom.Query.Adql.Schema;

/// <summary>What the store holds behind a TAP table: alerts of a survey (an <c>AlertQuery</c>), ZTF object summaries
/// (an <c>ObjectQuery</c>) or a small in-memory metadata table (TAP_SCHEMA).</summary>
public enum TapTableKind
{
    Alerts,
    Objects,
    Metadata,
}

/// <summary>One table of the TAP service, by its ADQL name (<c>ztf.alerts</c>).</summary>
public sealed class TapTable
{
    private readonly Dictionary<string, TapColumn> _byName;
    private readonly Dictionary<string, TapColumn> _byStoreName;

    public TapTable(string schema, string name, TapTableKind kind, Survey? survey, string description, IReadOnlyList<TapColumn> columns)
    {
        Schema = schema;
        Name = name;
        Kind = kind;
        Survey = survey;
        Description = description;
        Columns = columns;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        _byStoreName = columns.GroupBy(c => c.StoreColumn, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
    }

    public string Schema { get; }
    public string Name { get; }
    public string FullName => $"{Schema}.{Name}";
    public TapTableKind Kind { get; }

    /// <summary>The survey whose alerts an <see cref="TapTableKind.Alerts"/> table holds.</summary>
    public Survey? Survey { get; }

    public string Description { get; }
    public IReadOnlyList<TapColumn> Columns { get; }

    /// <summary>The position columns CONTAINS(POINT(ra, dec), ...) must name, when the table has a position.</summary>
    public (TapColumn Ra, TapColumn Dec)? Position { get; init; }

    /// <summary>A column by its ADQL name (case-insensitive, as unquoted identifiers are) or, in quotes, by its exact
    /// name or store name (<c>"i:magpsf"</c>).</summary>
    public TapColumn? Find(string name, bool quoted)
    {
        if (!quoted)
            return _byName.GetValueOrDefault(name);
        if (_byName.TryGetValue(name, out var column) && column.Name == name)
            return column;
        // A column named by an ADQL reserved word ("size") is listed delimited, as TAP 1.1 asks.
        if (_byName.TryGetValue($"\"{name}\"", out column))
            return column;
        return _byStoreName.GetValueOrDefault(name);
    }
}
