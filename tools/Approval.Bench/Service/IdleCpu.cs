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
