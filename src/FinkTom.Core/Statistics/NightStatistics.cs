namespace FinkTom.Core.Statistics;

/// <summary>One observing night's counters (<see cref="NightCounters"/>), by Fink column name.</summary>
public sealed record NightStatistics(string Night, IReadOnlyDictionary<string, long> Counts);
