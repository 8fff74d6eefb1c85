using System.Text.Json;
using Microsoft.OData.Edm;

namespace FinkTom.Query.OData;

/// <summary>
/// One property of an entity type in the feed: its OData name and type, how the writer reads its value from a row,
/// and which store column <c>$filter</c> and <c>$orderby</c> translate it to.
/// </summary>
public sealed class FeedProperty<T>
{
    public required string Name { get; init; }

    public required EdmPrimitiveTypeKind Kind { get; init; }

    public bool Nullable { get; init; } = true;

    public string Description { get; init; } = "";

    /// <summary>The Fink name the property comes from (<c>i:magpsf</c>), for the documentation set.</summary>
    public string? FinkName { get; init; }

    /// <summary>The value as the writer serialises it: string, int, float, double, bool or DateTimeOffset.</summary>
    public required Func<T, object?> Read { get; init; }

    /// <summary>Store column that filters and sort keys on this property use; null when it has none.</summary>
    public string? Column { get; init; }

    /// <summary>Turns a literal of the property's type into the column's value (a date into a JD, an id text into a number).</summary>
    public Func<object, object>? ToColumn { get; init; }

    /// <summary>Why the property cannot be filtered or sorted on, when <see cref="Column"/> is null.</summary>
    public string? NotQueryableReason { get; init; }

    /// <summary>Why <c>month()</c> to <c>second()</c> do not apply to this date-time, when they do not (the store computes
    /// them from Julian dates; other time columns compare only as ranges).</summary>
    public string? NoCalendarPartsReason { get; init; }

    public JsonEncodedText JsonName => _jsonName ??= JsonEncodedText.Encode(Name);

    private JsonEncodedText? _jsonName;
}

/// <summary>An entity set of the feed: its entity type's properties, key and how rows are read.</summary>
public sealed class FeedSet<T>
{
    private readonly Dictionary<string, FeedProperty<T>> _byName;

    public FeedSet(string name, string typeName, IReadOnlyList<FeedProperty<T>> properties, string key, string description)
    {
        Name = name;
        TypeName = typeName;
        Properties = properties;
        Description = description;
        _byName = properties.ToDictionary(p => p.Name, StringComparer.Ordinal);
        Key = _byName[key];
    }

    public string Name { get; }

    public string TypeName { get; }

    public string Description { get; }

    public IReadOnlyList<FeedProperty<T>> Properties { get; }

    public FeedProperty<T> Key { get; }

    public FeedProperty<T>? Find(string name) => _byName.GetValueOrDefault(name);
}
