namespace FinkTom.Livestream;

/// <summary>The <c>Livestream</c> section: who may change filters, and where they are kept.</summary>
public sealed class LivestreamOptions
{
    public const string SectionName = "Livestream";

    /// <summary>Keys accepted (header <c>X-Api-Key</c> or <c>Authorization: Bearer KEY</c>) to create or delete
    /// filters. None configured: filters cannot be changed over HTTP. Reading, testing and streaming are open.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>SQLite file for the filters; empty = the alert database (SQLite backend) or <c>livestream.db</c> in the
    /// data folder (<c>Data:Directory</c>).</summary>
    public string FiltersDatabasePath { get; set; } = "";

    /// <summary>With filters kept in a store other FinkTom instances share (the Elasticsearch backend): how old, in
    /// seconds, this instance's copy of the filter list may be before it is read again when alerts are matched or
    /// filters listed. 0 reads it every time. A filter created or deleted on another instance takes effect here
    /// within this time.</summary>
    public double SharedFiltersRefreshSeconds { get; set; } = 5;

    /// <summary>Default window of "how many stored alerts would match", in days before the newest stored alert.</summary>
    public double DefaultTestDays { get; set; } = 1;

    /// <summary>Largest window a test may ask for, in days (the count runs in the store, but a year of alerts is a big scan).</summary>
    public double MaxTestDays { get; set; } = 366;

    /// <summary>SQLite file of the match journal SSE resumption replays from; empty = <c>livestream-journal.db</c> beside
    /// the filters database.</summary>
    public string JournalPath { get; set; } = "";

    /// <summary>How long a match stays replayable to a reconnecting SSE client, in hours.</summary>
    public double ReplayHours { get; set; } = 24;

    /// <summary>Most events replayed on one reconnection (the newest ones; a <c>gap</c> event counts the others).</summary>
    public int ReplayMaxEvents { get; set; } = 1000;
}
