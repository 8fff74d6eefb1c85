using FinkTom.Livestream.Replay;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Livestream;

/// <summary>The match journal SSE resumption reads: order and the time window.</summary>
public sealed class MatchJournalTests
{
    [Fact]
    public void The_journal_keeps_matches_for_the_time_window_only()
    {
        using var folder = new TempDirectory();
        var clock = new ManualClock();
        using var journal = new MatchJournal(Path.Combine(folder.Path, "journal.db"), TimeSpan.FromHours(24), clock);
        var old = journal.Append([("f", 1), ("g", 2)]);
        clock.Advance(TimeSpan.FromHours(25));
        var recent = journal.Append([("f", 3)]);
        Assert.Equal(recent[0], journal.FirstKept());
        Assert.Equal(1, journal.CountAfter("f", 0, recent[0]));
        Assert.Equal([new JournalEntry(recent[0], "f", 3)], journal.ReadAfter("f", old[0], recent[0], 10));
        Assert.Equal(recent[0], journal.LastSeq());
    }

    [Fact]
    public void Reads_give_the_newest_matches_of_one_filter_oldest_first_up_to_a_point()
    {
        using var folder = new TempDirectory();
        using var journal = new MatchJournal(Path.Combine(folder.Path, "journal.db"), TimeSpan.FromHours(24));
        var seqs = journal.Append([.. Enumerable.Range(1, 10).Select(i => (i % 2 == 0 ? "even" : "odd", (long)i))]);
        Assert.True(seqs.Zip(seqs.Skip(1)).All(p => p.First < p.Second));
        Assert.Equal([6L, 8L], journal.ReadAfter("even", 0, seqs[8], 2).Select(e => e.Candid)); // up to candid 9: evens 2..8
        Assert.Equal(4, journal.CountAfter("even", 0, seqs[8]));
        Assert.Equal([10L], journal.ReadAfter("even", seqs[8], seqs[9], 5).Select(e => e.Candid));
    }
}

/// <summary>A clock the test moves.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 6, 24, 0, 0, 0, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => _now;
    public void Advance(TimeSpan by) => _now += by;
}
