using FinkTom.Core.Model;
using FinkTom.Core.Surveys;

namespace FinkTom.Core.Validation;

/// <summary>What <see cref="AlertValidation.Check"/> decided for one alert.</summary>
/// <param name="Rejection">Why the alert cannot be stored (null: it can).</param>
/// <param name="ValuesCleared">Non-finite values of other numeric columns, stored as null (Fink's "no value").</param>
/// <param name="HistoryDropped">History points dropped for an impossible time, band or position.</param>
public readonly record struct AlertVerdict(string? Rejection, int ValuesCleared, int HistoryDropped)
{
    public bool IsValid => Rejection is null;
}

/// <summary>
/// The one gate every alert passes before a store keeps it, whatever way it came in (Avro file, Kafka, the Fink
/// proxy): values that cannot be stored or served faithfully reject the alert with a reason, so one bad alert never
/// takes its batch with it and never poisons what is stored. The stores call it too, as a second line of defence.
/// </summary>
/// <remarks>
/// Keys must be exact, whatever the survey (<see cref="Survey"/> names them): the alert id a positive 64-bit id, the
/// object id short printable text or a positive 64-bit id, the time finite and within the survey's
/// <see cref="TimeAxis"/> (ZTF: JD 2,400,000.5–2,600,000.5), <c>ra</c> in [0, 360], <c>dec</c> in [-90, 90]. Any other
/// NaN or infinite number is a missing value (ZTF and Fink write NaN for "none"; SQLite already stores NaN as NULL;
/// JSON has neither), so it is cleared to null and counted rather than rejecting the alert. Text must be valid
/// Unicode (a lone surrogate from a JSON escape cannot be written as UTF-8).
/// </remarks>
public static class AlertValidation
{
    public const int MaxObjectIdLength = 64;

    /// <summary>Checks the alert and clears the non-finite values of non-key columns in place.</summary>
    public static AlertVerdict Check(Alert alert)
    {
        if (KeyProblem(alert) is { } reason)
            return new AlertVerdict(reason, 0, 0);
        var values = alert.Values;
        var cleared = 0;
        for (var i = 0; i < values.Length; i++)
        {
            switch (values[i])
            {
                case double d when !double.IsFinite(d):
                case float f when !float.IsFinite(f):
                    values[i] = null;
                    cleared++;
                    break;
                case string s when !IsValidText(s):
                    return new AlertVerdict($"alert {alert.Id} of {alert.ObjectId}: column {alert.Survey.Catalog.Stored[i].Name} holds invalid Unicode text", 0, 0);
            }
        }
        var dropped = alert.History.RemoveAll(p => HistoryProblem(p, alert.ObjectId) is not null);
        for (var i = 0; i < alert.History.Count; i++)
        {
            var (point, changed) = WithoutNonFinite(alert.History[i]);
            if (changed > 0)
            {
                alert.History[i] = point;
                cleared += changed;
            }
        }
        return new AlertVerdict(null, cleared, dropped);
    }

    /// <summary>The alerts a store of <paramref name="survey"/> may write (the list itself when all pass), and how many it
    /// must refuse: invalid ones, and alerts of another survey (their values would land in the wrong columns).</summary>
    public static IReadOnlyList<Alert> Storable(IReadOnlyList<Alert> alerts, Survey survey, out int rejected)
    {
        rejected = 0;
        List<Alert>? kept = null;
        for (var i = 0; i < alerts.Count; i++)
        {
            if (alerts[i].Survey == survey && Check(alerts[i]).IsValid)
            {
                kept?.Add(alerts[i]);
                continue;
            }
            kept ??= alerts.Take(i).ToList();
            rejected++;
        }
        return kept ?? alerts;
    }

    /// <summary>Why the alert's keys make it unstorable, or null. The keys are its survey's (<see cref="Survey"/>):
    /// ZTF's candid, objectId, jd, ra and dec.</summary>
    public static string? KeyProblem(Alert alert)
    {
        var survey = alert.Survey;
        var values = alert.Values;
        var objectId = values[survey.ObjectId.Ordinal];
        if ((objectId is not null || !survey.ObjectIdOptional) && ObjectIdProblem(objectId, survey.ObjectId) is { } idProblem)
            return idProblem;
        var who = $"alert of {alert.ObjectId}";
        if (values[survey.AlertId.Ordinal] is not long id || id <= 0)
            return $"{who}: {survey.AlertId.Field} must be a positive 64-bit integer, got {Show(values[survey.AlertId.Ordinal])}";
        who = $"alert {id} of {alert.ObjectId}";
        var axis = survey.TimeAxis;
        if (values[survey.Time.Ordinal] is not double time || !survey.IsAlertTime(time))
            return $"{who}: {survey.Time.Field} must be a finite {Describe(axis)} between {axis.Min} and {axis.Max}, got {Show(values[survey.Time.Ordinal])}";
        if (values[survey.Ra.Ordinal] is not double ra || !(ra >= 0 && ra <= 360))
            return $"{who}: {survey.Ra.Field} must be a finite angle in [0, 360] degrees, got {Show(values[survey.Ra.Ordinal])}";
        if (values[survey.Dec.Ordinal] is not double dec || !(dec >= -90 && dec <= 90))
            return $"{who}: {survey.Dec.Field} must be a finite angle in [-90, 90] degrees, got {Show(values[survey.Dec.Ordinal])}";
        return null;
    }

    private static string Describe(TimeAxis axis) =>
        $"{(axis.Unit == "mjd" ? "modified Julian date" : "Julian date")} ({axis.Scale.ToUpperInvariant()})";

    /// <summary>Why this object id cannot be stored, or null: text of 1 to 64 characters without control characters,
    /// or a positive 64-bit integer, as the survey's object id column is typed.</summary>
    public static string? ObjectIdProblem(object? objectId, ColumnDef column) => objectId switch
    {
        string text => ObjectIdProblem(text),
        long id when column.Type == ColumnType.Long => id > 0 ? null : $"alert has {column.Field} {id}, not a positive 64-bit integer",
        null => $"alert has no {column.Field}",
        _ => $"alert's {column.Field} is not of type {column.Type.AvroName()}",
    };

    /// <summary>Why this object id cannot be stored, or null: 1 to 64 characters, no control characters.</summary>
    public static string? ObjectIdProblem(string? objectId)
    {
        if (string.IsNullOrEmpty(objectId))
            return "alert has no objectId";
        if (objectId.Length > MaxObjectIdLength)
            return $"objectId '{objectId[..16]}...' is longer than {MaxObjectIdLength} characters";
        foreach (var c in objectId)
            if (char.IsControl(c) || char.IsSurrogate(c))
                return $"objectId '{Printable(objectId)}' holds a control or non-text character";
        return null;
    }

    /// <summary>Why a history point cannot be kept, or null: a time, band and (if given) position that make sense.</summary>
    public static string? HistoryProblem(HistoryPoint point, string objectId)
    {
        if (!string.Equals(point.ObjectId, objectId, StringComparison.Ordinal))
            return $"history point of {point.ObjectId} in an alert of {objectId}";
        if (!Survey.Ztf.IsAlertTime(point.Jd)) // history points are ZTF's prv_candidates
            return $"history point of {objectId} at jd {Show(point.Jd)}";
        if (point.Ra is { } ra && double.IsFinite(ra) && !(ra >= 0 && ra <= 360) || point.Dec is { } dec && double.IsFinite(dec) && !(dec >= -90 && dec <= 90))
            return $"history point of {objectId} at an impossible position";
        if (point.Candid is <= 0)
            return $"history point of {objectId} with candid {point.Candid}";
        if (point.IsDiffPos is { } text && !IsValidText(text))
            return $"history point of {objectId} with invalid text";
        return null;
    }

    // Every point is looked at on every write: the common all-finite point is checked without copying it.
    private static (HistoryPoint, int) WithoutNonFinite(HistoryPoint p)
    {
        var changed = Bad(p.MagPsf) + Bad(p.SigmaPsf) + Bad(p.DiffMagLim) + Bad(p.MagNr) + Bad(p.SigmaGnr) + Bad(p.DistNr)
            + Bad(p.Rb) + Bad(p.Drb) + Bad(p.Ra) + Bad(p.Dec);
        if (changed == 0)
            return (p, 0);
        static int Bad(double? v) => v is { } x && !double.IsFinite(x) ? 1 : 0; // a float widens exactly, NaN and ∞ too
        static float? F(float? v) => v is { } x && !float.IsFinite(x) ? null : v;
        static double? D(double? v) => v is { } x && !double.IsFinite(x) ? null : v;
        return (p with
        {
            MagPsf = F(p.MagPsf), SigmaPsf = F(p.SigmaPsf), DiffMagLim = F(p.DiffMagLim), MagNr = F(p.MagNr),
            SigmaGnr = F(p.SigmaGnr), DistNr = F(p.DistNr), Rb = F(p.Rb), Drb = F(p.Drb), Ra = D(p.Ra), Dec = D(p.Dec),
        }, changed);
    }

    private static bool IsValidText(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                i++;
            else if (char.IsSurrogate(c) || c == '\0')
                return false;
        }
        return true;
    }

    private static string Show(object? value) => value switch
    {
        null => "nothing",
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };

    private static string Printable(string text) => new(text.Take(32).Select(c => char.IsControl(c) || char.IsSurrogate(c) ? '?' : c).ToArray());
}
