using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Approval.Persistence;
using Npgsql;

namespace Approval.Bench.Service;

/// <summary>
/// A throw-away PostgreSQL cluster in a temp folder (initdb + pg_ctl, about a second), run as the
/// <c>postgres</c> user because initdb refuses root. Stopped with pg_ctl on dispose. Settings are
/// the server's defaults: fsync and synchronous_commit stay on.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _dataDir;

    private PostgresCluster(string bin, string dataDir, int port)
    {
        _bin = bin;
        _dataDir = dataDir;
        Port = port;
    }

    public int Port { get; }

    public DatabaseTarget Target(string database = "approval") =>
        new(DatabaseProvider.PostgreSql, $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=200");

    public static bool IsInstalled => FindBin() is not null;

    /// <summary>CPU of the whole cluster so far: the postmaster and every backend it has run (from /proc).</summary>
    public TimeSpan CpuTime()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(_dataDir, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        return ProcStat.TreeCpuTime(postmaster);
    }

    /// <summary>
    /// The cluster's commits (every transaction, reads included) and WAL syncs (fdatasync calls: the
    /// durable flushes that bound commit throughput) so far, from the cumulative statistics. Backends
    /// report them at most once a second, so a window's delta is that much blurred at each end.
    /// </summary>
    public async Task<(long Commits, long WalSyncs)> ActivityAsync(string database = "approval")
    {
        await using var connection = new NpgsqlConnection(Target(database).ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()), (SELECT wal_sync FROM pg_stat_wal)", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = FindBin() ?? throw new InvalidOperationException("PostgreSQL server binaries are not installed under /usr/lib/postgresql/*/bin.");
        var dataDir = Directory.CreateTempSubdirectory("approval-bench-pg").FullName;
        await RunAsync("chown", ["postgres", dataDir]);
        var port = FreePort();
        await RunAsPostgresAsync(Path.Combine(bin, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8"]);
        await RunAsPostgresAsync(Path.Combine(bin, "pg_ctl"), ["-D", dataDir, "-o", $"-p {port} -k {dataDir} -c listen_addresses=127.0.0.1 -c max_connections=300", "-w", "-l", Path.Combine(dataDir, "server.log"), "start"]);
        return new PostgresCluster(bin, dataDir, port);
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsPostgresAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _dataDir, "-m", "immediate", "-w", "stop"]);
        Directory.Delete(_dataDir, recursive: true);
    }

    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().LastOrDefault()
            : null;

    private static Task RunAsPostgresAsync(string program, IEnumerable<string> arguments) =>
        Environment.UserName == "postgres" ? RunAsync(program, arguments) : RunAsync("runuser", ["-u", "postgres", "--", program, .. arguments]);

    private static async Task RunAsync(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
