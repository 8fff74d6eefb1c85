using FinkTom.Core.Model;
using FinkTom.Core.Science;

namespace FinkTom.Core.Query;

/// <summary>One row of an answer: an alert (or a history point dressed as one) and the values computed for it.</summary>
public sealed class AlertRow(Alert alert)
{
    public Alert Alert { get; } = alert;

    /// <summary><c>d:tag</c> with <c>withupperlim</c>: <c>valid</c>, <c>upperlim</c> or <c>badquality</c>.</summary>
    public string? Tag { get; init; }

    /// <summary>Distance to the cone's centre in degrees (cone searches).</summary>
    public double? SeparationDeg { get; set; }

    public ColorRate Color { get; set; } = ColorRate.None;

    /// <summary>Decoded cutout images by column name (<c>b:cutoutScience_stampData</c>), for <c>withcutouts</c>.</summary>
    public Dictionary<string, float[][]>? Stamps { get; set; }

    /// <summary>The row is a point of the object's history (an upper limit or a detection with no stored alert).</summary>
    public bool FromHistory { get; init; }

    /// <summary>Whether this row is a stored alert, to which query-time values and defaults apply.</summary>
    public bool IsAlert => !FromHistory;
}
