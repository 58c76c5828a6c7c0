using Spectre.Console;

namespace Approval.Bench.Reporting;

/// <summary>
/// A progress bar for long runs. Scenarios report through <see cref="IProgress{T}"/> of a fraction
/// (0–1) so they stay free of console code and tests can run them silently.
/// </summary>
public static class ProgressBar
{
    /// <summary>Runs <paramref name="work"/> under a bar when stdout is a terminal, plainly otherwise (CI logs, tests).</summary>
    public static async Task<T> RunAsync<T>(IAnsiConsole console, string label, Func<IProgress<double>, Task<T>> work)
    {
        if (Console.IsOutputRedirected || !console.Profile.Capabilities.Interactive)
        {
            return await work(new Progress<double>(_ => { }));
        }

        T result = default!;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(label, maxValue: 1.0);
                result = await work(new Progress<double>(f => task.Value = Math.Clamp(f, 0, 1)));
                task.Value = 1.0;
            });
        return result;
    }
}
