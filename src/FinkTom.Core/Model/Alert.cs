using FinkTom.Core.Surveys;

namespace FinkTom.Core.Model;

/// <summary>
/// One alert of a survey: the values of every column of its catalogue (<see cref="Survey.Catalog"/>), the object's
/// history as the packet carried it, and its three cutouts. Values hold <see cref="int"/>, <see cref="long"/>,
/// <see cref="float"/>, <see cref="double"/>, <see cref="string"/> or <see cref="bool"/> per the column type, or null.
/// </summary>
public sealed class Alert
{
    /// <summary>A ZTF alert.</summary>
    public Alert() : this(Survey.Ztf)
    {
    }

    public Alert(Survey survey)
    {
        Survey = survey;
        Values = new object?[survey.Catalog.Stored.Count];
    }

    public Survey Survey { get; }

    public object?[] Values { get; }

    /// <summary>Previous detections and upper limits (<c>prv_candidates</c>), oldest first. Empty when read back from a store query.</summary>
    public List<HistoryPoint> History { get; } = [];

    /// <summary>Past measurements of the survey's described history kinds (Rubin: previous diaSources, forced
    /// photometry), in packet order. Empty when read back from a store query.</summary>
    public List<Measurement> Measurements { get; } = [];

    /// <summary>The three stamps as delivered (ZTF: gzipped FITS); null when the packet had none or they were not requested.</summary>
    public AlertCutouts? Cutouts { get; set; }

    public object? this[ColumnDef column]
    {
        get => Values[column.Ordinal];
        set => Values[column.Ordinal] = value;
    }

    public object? this[string name]
    {
        get => Values[Survey.Catalog.Get(name).Ordinal];
        set => Values[Survey.Catalog.Get(name).Ordinal] = value;
    }

    /// <summary>The alert's id (<see cref="Survey.AlertId"/>: ZTF's candid), 0 when missing.</summary>
    public long Id => (long)(Values[Survey.AlertId.Ordinal] ?? 0L);

    /// <summary>The object's id as text (ZTF's own ids, or the decimal digits of a 64-bit one), "" when missing.</summary>
    public string ObjectId => Values[Survey.ObjectId.Ordinal] switch
    {
        string text => text,
        long id => id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => "",
    };

    /// <summary>When it was observed, on the survey's <see cref="Survey.TimeAxis"/>; NaN when missing.</summary>
    public double Time => (double)(Values[Survey.Time.Ordinal] ?? double.NaN);

    /// <summary>ZTF's name for <see cref="Id"/>.</summary>
    public long Candid => Id;

    /// <summary>ZTF's name for <see cref="Time"/> (a JD in UTC for ZTF alerts).</summary>
    public double Jd => Time;

    public double Ra => (double)(Values[Survey.Ra.Ordinal] ?? double.NaN);
    public double Dec => (double)(Values[Survey.Dec.Ordinal] ?? double.NaN);

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
