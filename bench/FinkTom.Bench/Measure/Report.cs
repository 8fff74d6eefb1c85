using System.Globalization;
using System.Text;

namespace FinkTom.Bench.Measure;

/// <summary>The one table the benchmark prints (Markdown), also saved beside the stores.</summary>
public sealed class Report(string title)
{
    private readonly List<string[]> _rows = [];
    private readonly List<string> _notes = [];

    public void Row(params string[] cells) => _rows.Add(cells);

    public void Note(string note) => _notes.Add(note);

    /// <summary>A bold row that heads one survey's rows.</summary>
    public void Section(string title) => Row($"**{title}**");

    public void Latency(string query, LatencyResult finkTom, LatencyResult? finkTomHttp, LatencyResult? postgres, string target)
    {
        Row(query,
            $"{Ms(finkTom.P50Ms)} / {Ms(finkTom.P95Ms)} / {Ms(finkTom.P99Ms)}",
            finkTomHttp is null ? "–" : $"{Ms(finkTomHttp.P50Ms)} / {Ms(finkTomHttp.P95Ms)} / {Ms(finkTomHttp.P99Ms)}",
            postgres is null ? "–" : $"{Ms(postgres.P50Ms)} / {Ms(postgres.P95Ms)} / {Ms(postgres.P99Ms)}",
            postgres is null ? "–" : Ratio(finkTom.P50Ms, postgres.P50Ms) + (finkTomHttp is null ? "" : " / " + Ratio(finkTomHttp.P50Ms, postgres.P50Ms)),
            finkTom.MeanRows.ToString("F1", CultureInfo.InvariantCulture),
            target,
            $"{Ms(finkTom.CpuMsPerQuery)} / {(finkTomHttp is null ? "–" : Ms(finkTomHttp.CpuMsPerQuery))} / {(postgres is null ? "–" : Ms(postgres.CpuMsPerQuery))}");
    }

    private static string Ratio(double a, double b) => (a / b).ToString("F2", CultureInfo.InvariantCulture);

    public static string Ms(double ms) => ms < 10 ? ms.ToString("F2", CultureInfo.InvariantCulture) : ms.ToString("F1", CultureInfo.InvariantCulture);

    public override string ToString()
    {
        var text = new StringBuilder().AppendLine(title).AppendLine();
        text.AppendLine("| measure | FinkTom store, in process (p50 / p95 / p99 ms) | FinkTom over HTTP | PostgreSQL + q3c | FinkTom/q3c p50 (in process / HTTP) | rows | target | CPU ms per query (in process / HTTP / q3c) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in _rows)
            text.AppendLine("| " + string.Join(" | ", row.Concat(Enumerable.Repeat("", Math.Max(0, 8 - row.Length)))) + " |");
        text.AppendLine();
        foreach (var note in _notes)
            text.AppendLine("- " + note);
        return text.ToString();
    }
}
