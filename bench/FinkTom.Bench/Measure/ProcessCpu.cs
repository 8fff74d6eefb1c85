using System.Globalization;

namespace FinkTom.Bench.Measure;

/// <summary>CPU time of other processes from Linux /proc (user + system), for the servers the benchmark asks.</summary>
public static class ProcessCpu
{
    // /proc/[pid]/stat counts in clock ticks; Linux exposes USER_HZ = 100 to user space on every common architecture.
    private const double TicksPerSecond = 100;

    /// <summary>CPU time of process <paramref name="pid"/>, with its reaped children's when <paramref name="withChildren"/>.</summary>
    public static TimeSpan Of(int pid, bool withChildren = false)
    {
        var fields = Fields(pid);
        if (fields is null)
            return TimeSpan.Zero;
        // After the command name: field 14 utime, 15 stime, 16 cutime, 17 cstime (1-based, see proc(5)).
        double ticks = Tick(fields, 14) + Tick(fields, 15);
        if (withChildren)
            ticks += Tick(fields, 16) + Tick(fields, 17);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    /// <summary>A process and its live children (PostgreSQL: the postmaster, whose reaped backends it counts, and the
    /// backends serving connections now).</summary>
    public static TimeSpan OfTree(int pid)
    {
        var total = Of(pid, withChildren: true);
        var children = $"/proc/{pid}/task/{pid}/children";
        if (File.Exists(children))
            foreach (var child in File.ReadAllText(children).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                total += Of(int.Parse(child, CultureInfo.InvariantCulture));
        return total;
    }

    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may hold spaces: split after its closing one.
            var rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return ["", "", "", .. rest]; // so that field n (1-based) is at index n
        }
        catch (IOException)
        {
            return null; // exited
        }
    }

    private static double Tick(string[] fields, int n) => double.Parse(fields[n], CultureInfo.InvariantCulture);
}
