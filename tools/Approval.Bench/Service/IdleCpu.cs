using System.Diagnostics;
using Approval.Bench.Reporting;

namespace Approval.Bench.Service;

/// <summary>
/// What a started service costs with nothing to do: its CPU over a quiet window after a short
/// settle (start-up catch-up, JIT of the first polls). On PostgreSQL this is mostly Hangfire's
/// polling; it is paid whatever the load.
/// </summary>
public static class IdleCpu
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>
    /// What the idle nodes cost the shared cluster over the same window: its CPU, commits and WAL
    /// syncs per second (each node's Hangfire server polls and takes its locks there).
    /// </summary>
    public static async Task<Metric[]> MeasureDatabaseAsync(PostgresCluster database, TimeSpan window)
    {
        await Task.Delay(Settle);
        var cpu0 = database.CpuTime();
        var (commits0, syncs0) = await database.ActivityAsync();
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        var (commits, syncs) = await database.ActivityAsync();
        var cpu = database.CpuTime() - cpu0;
        var seconds = clock.Elapsed.TotalSeconds;
        return
        [
            new("idle database CPU", cpu.TotalMilliseconds / seconds, "ms per s"),
            new("idle database commits", (commits - commits0) / seconds, "commits/s"),
            new("idle database WAL syncs", (syncs - syncs0) / seconds, "syncs/s"),
        ];
    }

    public static async Task<Metric> MeasureAsync(ServiceProcess service, TimeSpan window)
    {
        await Task.Delay(Settle);
        var cpu0 = service.CpuTime();
        var clock = Stopwatch.StartNew();
        await Task.Delay(window);
        var cpu = service.CpuTime() - cpu0;
        return new Metric("idle server CPU", cpu.TotalMilliseconds / clock.Elapsed.TotalSeconds, "ms per s");
    }
}
