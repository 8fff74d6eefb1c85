using FinkTom.Core.Surveys;

namespace FinkTom.Core.Model;

/// <summary>
/// One past measurement of a <see cref="HistoryKind"/> that describes its columns (Rubin: a previous diaSource or a
/// forced-photometry point): the values of the kind's catalogue, typed as for <see cref="Alert.Values"/>.
/// </summary>
public sealed class Measurement
{
    public Measurement(HistoryKind kind)
    {
        Kind = kind;
        Values = new object?[(kind.Catalog ?? throw new ArgumentException($"History kind '{kind.Name}' has no catalogue.", nameof(kind))).Stored.Count];
    }

    public HistoryKind Kind { get; }

    public object?[] Values { get; }

    public object? this[ColumnDef column]
    {
        get => Values[column.Ordinal];
        set => Values[column.Ordinal] = value;
    }

    public object? this[string name]
    {
        get => Values[Kind.Catalog!.Get(name).Ordinal];
        set => Values[Kind.Catalog!.Get(name).Ordinal] = value;
    }

    /// <summary>Its id (<see cref="HistoryKind.Key"/>), 0 when missing.</summary>
    public long Id => Kind.Key is { } key && Values[key.Ordinal] is long id ? id : 0;

    /// <summary>Its time on the survey's axis, NaN when missing.</summary>
    public double Time => Kind.Time is { } time && Values[time.Ordinal] is double t ? t : double.NaN;

    public double? GetDouble(string name) => Values[Kind.Catalog!.Get(name).Ordinal] switch
    {
        double d when !double.IsNaN(d) => d,
        float f when !float.IsNaN(f) => f,
        int i => i,
        long l => l,
        _ => null,
    };
}
