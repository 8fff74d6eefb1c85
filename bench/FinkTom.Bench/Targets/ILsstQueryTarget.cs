namespace FinkTom.Bench.Targets;

/// <summary>One system answering the Rubin questions (Fink's LSST API); each call returns the number of rows it got.</summary>
public interface ILsstQueryTarget
{
    string Name { get; }

    /// <summary>CPU time so far of the server process(es) answering, if any besides this one (for CPU ms per query).</summary>
    TimeSpan ServerCpu() => TimeSpan.Zero;

    /// <summary>Every diaSource (alert) of an object, newest first, every column (<c>/sources</c>).</summary>
    Task<int> SourcesAsync(string diaObjectId);

    /// <summary>One row per object (its latest alert), nearest first (<c>/conesearch</c>).</summary>
    Task<int> ConeAsync(double ra, double dec, double radiusArcsec);

    /// <summary>The <paramref name="n"/> newest alerts that passed a tag, every column (<c>/tags</c>).</summary>
    Task<int> TagAsync(string tag, int n);
}
