using System.Globalization;
using Approval.Bench.Reporting;
using Approval.Bench.Service;

namespace Approval.Bench.Http;

/// <summary>
/// <c>http</c>: the service as clerks use it. Starts the service itself (so it knows the PID for
/// peak RSS and CPU) on a fresh durable SQLite file or a throw-away PostgreSQL cluster — on
/// PostgreSQL as several nodes sharing the cluster if asked — or drives one already running at
/// <see cref="Settings.Url"/>. On PostgreSQL the run ends with the effects check (<see cref="EffectsCheck"/>).
/// </summary>
public static class HttpScenario
{
    /// <summary>Why <c>--nodes</c> needs <c>--postgres</c>.</summary>
    public const string NodesNeedPostgres =
        "--nodes above 1 needs --postgres: SQLite has one writer per file, so two service processes on one SQLite database would not be nodes of one service.";

    /// <param name="IdleSeconds">When above 0, the service's CPU over this many idle seconds after start-up, before the load.</param>
    /// <param name="Nodes">Service processes on the one PostgreSQL cluster; client i talks to node i mod N.</param>
    public sealed record Settings(LoadSettings Load, bool Postgres, Uri? Url, string? ServiceDll, bool Smoke, int IdleSeconds = 0, int Nodes = 1);

    public static async Task<ScenarioReport> RunAsync(Settings settings, IProgress<double>? progress = null)
    {
        if (settings.Nodes < 1 || (settings.Nodes > 1 && (!settings.Postgres || settings.Url is not null)))
        {
            throw new ArgumentException(settings.Nodes < 1 ? "--nodes must be at least 1." : NodesNeedPostgres, nameof(settings));
        }

        var bundle = Bundle.Load();
        var describe = HttpLoad.Describe(settings.Load);
        if (settings.Url is { } url)
        {
            describe["url"] = url.ToString();
            var remote = await HttpLoad.RunAsync(url, null, bundle, settings.Load, progress);
            return Report(settings, describe, remote.Metrics, remote.Errors, remote.ErrorSamples);
        }

        var folder = Directory.CreateTempSubdirectory("approval-bench-http").FullName;
        var keepLogs = false;
        try
        {
            await using var postgres = settings.Postgres ? await PostgresCluster.StartAsync() : null;
            var database = postgres?.Target() ?? DatabaseTarget.SqliteFile(Path.Combine(folder, "approval.db"));
            describe["database"] = database.Provider;
            var services = new List<ServiceProcess>();
            try
            {
                // One at a time: the first migrates and publishes; the others find the schema ready.
                for (var i = 0; i < settings.Nodes; i++)
                {
                    services.Add(await ServiceProcess.StartAsync(settings.ServiceDll ?? RepoPaths.ServiceDll(), database, RepoPaths.Workflows, folder, TimeSpan.FromSeconds(60)));
                }

                describe["service"] = "pid " + string.Join(", ", services.Select(s => s.Pid.ToString(CultureInfo.InvariantCulture)));
                if (settings.Nodes > 1)
                {
                    describe["nodes"] = settings.Nodes.ToString(CultureInfo.InvariantCulture);
                }

                var idle = settings.IdleSeconds > 0 ? await MeasureIdleAsync(services, postgres, TimeSpan.FromSeconds(settings.IdleSeconds)) : [];
                var result = await HttpLoad.RunAsync([.. services.Select(s => s.BaseAddress)], services, postgres, bundle, settings.Load, progress);
                var effects = postgres is null ? null : await EffectsCheck.RunAsync(database.ConnectionString, bundle, result, settings.Load.IdempotencyKeys);
                var errors = result.Errors + (effects?.Failures ?? 0);
                if (errors > 0)
                {
                    keepLogs = true;
                    describe["logs"] = folder;
                }

                return Report(
                    settings,
                    describe,
                    [.. result.Metrics, .. effects?.Metrics ?? [], .. idle],
                    errors,
                    [.. result.ErrorSamples, .. effects?.Samples ?? []]);
            }
            finally
            {
                foreach (var service in services)
                {
                    await service.DisposeAsync();
                }
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (!keepLogs)
            {
                TryDelete(folder);
            }
        }
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

    private static ScenarioReport Report(Settings settings, Dictionary<string, string> describe, IReadOnlyList<Metric> metrics, long errors, IReadOnlyList<string> samples)
    {
        var report = new ScenarioReport("http", describe, metrics, errors, samples);
        return settings.Smoke ? report.WithoutTargets() : report;
    }

    /// <summary>Every node's idle CPU, and the cluster's, over the same window (one node: the metric keeps its single-node name).</summary>
    private static async Task<Metric[]> MeasureIdleAsync(List<ServiceProcess> services, PostgresCluster? postgres, TimeSpan window)
    {
        var database = postgres is null ? Task.FromResult<Metric[]>([]) : IdleCpu.MeasureDatabaseAsync(postgres, window);
        var idle = await Task.WhenAll(services.Select(s => IdleCpu.MeasureAsync(s, window)));
        var nodes = services.Count == 1 ? idle : [.. idle.Select((m, i) => m with { Name = $"node {i + 1} {m.Name}" })];
        return [.. nodes, .. await database];
    }
}
