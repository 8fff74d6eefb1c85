using System.Diagnostics;
using FinkTom.Ingest.Pipeline;

namespace FinkTom.Server.Cli;

/// <summary>A one-line progress bar for a terminal, redrawn at most ten times a second.</summary>
internal sealed class ConsoleProgressBar : IProgress<IngestionProgress>
{
    private const int Width = 30;
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private readonly Lock _lock = new();
    private IngestionProgress _last;

    public void Report(IngestionProgress value)
    {
        lock (_lock)
        {
            _last = value;
            if (_sinceDraw.ElapsedMilliseconds < 100)
                return;
            _sinceDraw.Restart();
            Draw(value);
        }
    }

    public void Finish()
    {
        lock (_lock)
        {
            Draw(_last);
            Console.WriteLine();
        }
    }

    private static void Draw(IngestionProgress p)
    {
        var filled = (int)Math.Round(Math.Clamp(p.Fraction, 0, 1) * Width);
        var line = $"[{new string('#', filled)}{new string('.', Width - filled)}] {p.Fraction,4:P0} {p.FilesDone}/{p.FilesTotal} files, {p.AlertsRead:N0} alerts, {p.Stored:N0} stored";
        var width = Math.Max(20, Console.WindowWidth - 1);
        Console.Write("\r" + (line.Length > width ? line[..width] : line.PadRight(width)));
    }
}
