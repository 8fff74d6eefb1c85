namespace FinkTom.Core.Model;

/// <summary>
/// One alert: the values of every catalogue column (<see cref="ColumnCatalog.Stored"/>), the object's
/// history as the packet carried it, and its three cutouts. Values hold <see cref="int"/>, <see cref="long"/>,
/// <see cref="float"/>, <see cref="double"/>, <see cref="string"/> or <see cref="bool"/> per the column type, or null.
/// </summary>
public sealed class Alert
{
    public object?[] Values { get; } = new object?[ColumnCatalog.Stored.Count];

    /// <summary>Previous detections and upper limits (<c>prv_candidates</c>), oldest first. Empty when read back from a store query.</summary>
    public List<HistoryPoint> History { get; } = [];

    /// <summary>The three stamps as delivered (gzipped FITS); null when the packet had none or they were not requested.</summary>
    public AlertCutouts? Cutouts { get; set; }

    public object? this[ColumnDef column]
    {
        get => Values[column.Ordinal];
        set => Values[column.Ordinal] = value;
    }

    public object? this[string name]
    {
        get => Values[ColumnCatalog.Get(name).Ordinal];
        set => Values[ColumnCatalog.Get(name).Ordinal] = value;
    }

    public long Candid => (long)(Values[ColumnCatalog.Candid.Ordinal] ?? 0L);
    public string ObjectId => (string?)Values[ColumnCatalog.ObjectId.Ordinal] ?? "";
    public double Jd => (double)(Values[ColumnCatalog.Jd.Ordinal] ?? double.NaN);
    public double Ra => (double)(Values[ColumnCatalog.Ra.Ordinal] ?? double.NaN);
    public double Dec => (double)(Values[ColumnCatalog.Dec.Ordinal] ?? double.NaN);

    /// <summary>Reads a numeric column as double (null, NaN or non-numeric → null).</summary>
    public double? GetDouble(ColumnDef column) => Values[column.Ordinal] switch
    {
        double d when !double.IsNaN(d) => d,
        float f when !float.IsNaN(f) => f,
        int i => i,
        long l => l,
        _ => null,
    };

    public string? GetString(ColumnDef column) => Values[column.Ordinal] as string;
}
