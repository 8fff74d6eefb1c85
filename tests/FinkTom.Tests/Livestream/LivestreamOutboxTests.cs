using FinkTom.Livestream.Publication;
using FinkTom.Tests.Support;

namespace FinkTom.Tests.Livestream;

/// <summary>The outbox file on its own (no broker): what is recorded survives a reopen, removals are exact, a repeat
/// is not recorded twice, and a second process cannot take the same file.</summary>
public sealed class LivestreamOutboxTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private string File => Path.Combine(_dir.Path, "sub", "outbox.db");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Recorded_publications_survive_a_reopen_in_order_and_removed_ones_do_not()
    {
        List<OutboxEntry> created;
        using (var outbox = new LivestreamOutbox(File))
        {
            created = outbox.Add([(11, ["fink_a_ztf", "fink_b_ztf"]), (12, ["fink_a_ztf"]), (13, ["fink_c_ztf"])]);
            Assert.Equal(4, created.Count);
            Assert.Equal(4, outbox.Depth);
            outbox.Remove([created[1].Seq, created[3].Seq]); // 11 → b and 13 → c delivered
            Assert.Equal(2, outbox.Depth);
        }

        using var reopened = new LivestreamOutbox(File);
        Assert.Equal(2, reopened.Depth);
        Assert.Equal(created[2].Seq, reopened.LastSeq); // the newest row still owed
        var rows = reopened.Read(0, long.MaxValue, 100);
        Assert.Equal([(11L, "fink_a_ztf"), (12L, "fink_a_ztf")], rows.Select(r => (r.Candid, r.Topic)));
        Assert.True(rows[0].Seq < rows[1].Seq);
        var next = reopened.Add([(14, ["fink_a_ztf"])]);
        Assert.True(next[0].Seq > created[^1].Seq, "sequence numbers keep growing after a reopen, so order is kept");
    }

    [Fact]
    public void A_publication_already_owed_is_not_recorded_twice_and_is_not_returned_as_created()
    {
        using var outbox = new LivestreamOutbox(File);
        var first = outbox.Add([(21, ["fink_a_ztf"])]);
        var second = outbox.Add([(21, ["fink_a_ztf", "fink_b_ztf"])]);

        Assert.Single(first);
        Assert.Equal([(21L, "fink_b_ztf")], second.Select(r => (r.Candid, r.Topic)));
        Assert.Equal(2, outbox.Depth);
        outbox.Remove([first[0].Seq, first[0].Seq, 999_999]); // removing twice, or a row that is not there, changes nothing more
        Assert.Equal(1, outbox.Depth);
    }

    [Fact]
    public void Read_pages_by_sequence_and_stops_at_the_settled_mark()
    {
        using var outbox = new LivestreamOutbox(File);
        var rows = outbox.Add(Enumerable.Range(1, 10).Select(i => ((long)i, (IReadOnlyList<string>)["fink_a_ztf"])));

        var page = outbox.Read(rows[2].Seq, rows[6].Seq, 3);
        Assert.Equal([4L, 5L, 6L], page.Select(r => r.Candid));
        Assert.Equal([7L], outbox.Read(page[^1].Seq, rows[6].Seq, 3).Select(r => r.Candid)); // nothing beyond the mark
    }

    [Fact]
    public void A_second_process_cannot_use_an_outbox_in_use_and_is_told_which_setting_to_change()
    {
        using var outbox = new LivestreamOutbox(File);
        outbox.Add([(1, ["fink_a_ztf"])]);

        var error = Assert.Throws<InvalidOperationException>(() => new LivestreamOutbox(File));
        Assert.Contains(Path.GetFullPath(File), error.Message);
        Assert.Contains("Kafka:Publish:OutboxPath", error.Message);
    }
}
