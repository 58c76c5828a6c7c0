using Approval.Bench.Reporting;
using Approval.Bench.Service;

namespace Approval.Bench.Http;

/// <summary>
/// <c>http</c>: the service as clerks use it. Starts the service itself (so it knows the PID for
/// peak RSS and CPU) on a fresh durable SQLite file or a throw-away PostgreSQL cluster, or drives
/// one already running at <see cref="Settings.Url"/>.
/// </summary>
public static class HttpScenario
{
    /// <param name="IdleSeconds">When above 0, the service's CPU over this many idle seconds after start-up, before the load.</param>
    public sealed record Settings(LoadSettings Load, bool Postgres, Uri? Url, string? ServiceDll, bool Smoke, int IdleSeconds = 0);

    public static async Task<ScenarioReport> RunAsync(Settings settings, IProgress<double>? progress = null)
    {
        var bundle = Bundle.Load();
        var describe = HttpLoad.Describe(settings.Load);
        HttpLoad.Result result;
        Metric? idle = null;
        if (settings.Url is { } url)
        {
            describe["url"] = url.ToString();
            result = await HttpLoad.RunAsync(url, null, bundle, settings.Load, progress);
        }
        else
        {
            var folder = Directory.CreateTempSubdirectory("approval-bench-http").FullName;
            try
            {
                await using var postgres = settings.Postgres ? await PostgresCluster.StartAsync() : null;
                var database = postgres?.Target() ?? DatabaseTarget.SqliteFile(Path.Combine(folder, "approval.db"));
                describe["database"] = database.Provider;
                await using var service = await ServiceProcess.StartAsync(settings.ServiceDll ?? RepoPaths.ServiceDll(), database, RepoPaths.Workflows, folder, TimeSpan.FromSeconds(60));
                describe["service"] = $"pid {service.Pid}";
                idle = settings.IdleSeconds > 0 ? await IdleCpu.MeasureAsync(service, TimeSpan.FromSeconds(settings.IdleSeconds)) : null;
                result = await HttpLoad.RunAsync(service.BaseAddress, service, bundle, settings.Load, progress);
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                TryDelete(folder);
            }
        }

        var report = new ScenarioReport("http", describe, idle is null ? result.Metrics : [.. result.Metrics, idle], result.Errors, result.ErrorSamples);
        return settings.Smoke ? report.WithoutTargets() : report;
    }

    internal static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
