using System.Globalization;

namespace Approval.Bench.Service;

/// <summary>CPU times read from <c>/proc/PID/stat</c> (fields after the command name; clock ticks of 1/100 s).</summary>
internal static class ProcStat
{
    private const double TicksPerSecond = 100.0;

    /// <summary>User + system CPU the process itself has used.</summary>
    public static TimeSpan CpuTime(int pid) => Read(pid) is { } stat ? Seconds(stat.Own) : TimeSpan.Zero;

    /// <summary>
    /// A process tree's CPU: the root's own, that of its children that have exited and been waited
    /// for (cutime + cstime), and that of its live children. For a postmaster that is every backend
    /// the cluster ever ran.
    /// </summary>
    public static TimeSpan TreeCpuTime(int root)
    {
        if (Read(root) is not { } rootStat)
        {
            return TimeSpan.Zero;
        }

        var ticks = rootStat.Own + rootStat.Reaped;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && pid != root
                && Read(pid) is { } stat && stat.Parent == root)
            {
                ticks += stat.Own;
            }
        }

        return Seconds(ticks);
    }

    private static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    private static (int Parent, long Own, long Reaped)? Read(int pid)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return null; // exited between listing and reading
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return ((int)Field(1), Field(11) + Field(12), Field(13) + Field(14));
    }
}
