namespace FinkTom.Bench.Targets;

/// <summary>One system answering the benchmark's questions; each call returns the number of rows it got.</summary>
public interface IQueryTarget
{
    string Name { get; }

    /// <summary>CPU time so far of the server process(es) answering, if any besides this one (for CPU ms per query).</summary>
    TimeSpan ServerCpu() => TimeSpan.Zero;

    /// <summary>All alerts of an object, newest first, every column.</summary>
    Task<int> ObjectAsync(string objectId);

    /// <summary>One row per object (its latest alert in the cone), nearest first, at most 1,000.</summary>
    Task<int> ConeAsync(double ra, double dec, double radiusArcsec);

    /// <summary>The 100 newest alerts of a class, every column.</summary>
    Task<int> LatestOfClassAsync(string className);

    /// <summary>Objects seen in a one-hour window (latest alert each), at most 1,000.</summary>
    Task<int> DateWindowAsync(double startJd);

    /// <summary>A page of 1,000 alerts, every column, in time order from a date: what an OData client pulls per request.</summary>
    Task<int> PageAsync(double fromJd);
}
