using System.Diagnostics;

namespace Approval.Supervision.Tests.Infrastructure;

/// <summary>Waits for something a real Hangfire server does in its own time; the bound is generous, the assertion follows.</summary>
internal static class Eventually
{
    public static async Task<TimeSpan?> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (await condition())
            {
                return watch.Elapsed;
            }

            await Task.Delay(50);
        }

        return null;
    }
}
