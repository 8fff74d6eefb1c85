using FinkTom.Core.Query;

namespace FinkTom.Server.Api.Parameters;

/// <summary><c>startdate</c>, <c>stopdate</c> and <c>window</c>: stop = start + window when no stopdate is given.</summary>
internal static class DateWindow
{
    public static JdRange? Read(ParameterReader reader, double windowUnitDays, double? maxWindow = null)
    {
        var start = reader.Jd("startdate");
        var stop = reader.Jd("stopdate");
        var window = reader.Double("window", min: 0, max: maxWindow);
        if (window is not null && start is null)
            return reader.Fail<JdRange?>("window", "`window` needs a `startdate`.", null);
        if (stop is null && start is not null && window is not null)
            stop = start + window * windowUnitDays;
        if (start is not null && stop is not null && stop < start)
            return reader.Fail<JdRange?>("stopdate", "`stopdate` is before `startdate`.", null);
        return start is null && stop is null ? null : new JdRange(start, stop);
    }
}
