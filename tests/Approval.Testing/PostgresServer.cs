using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Approval.Testing;

/// <summary>
/// A throw-away PostgreSQL cluster for the tests that need a real server: initdb into a temporary
/// folder owned by the <c>postgres</c> user, pg_ctl start on a free loopback port, stopped and
/// deleted at the end of the run. One per test process; each test takes a fresh database.
/// </summary>
/// <remarks>
/// When the server binaries are missing (or cannot be run), <see cref="Unavailable"/> says why and
/// tests report themselves as skipped, never as passed. CI installs Debian's postgresql package.
/// </remarks>
public static class PostgresServer
{
    private static readonly Lazy<Instance?> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static string? _unavailable;
    private static int _databases;

    /// <summary>Why no server could be started, or null when one runs.</summary>
    public static string? Unavailable => Shared.Value is null ? _unavailable : null;

    /// <summary>Creates an empty database and returns its connection string; null when no server is available.</summary>
    public static string? CreateDatabase()
    {
        if (Shared.Value is not { } server)
        {
            return null;
        }

        var name = $"approval_test_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return server.ConnectionString(name);
    }

    private static Instance? Start()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
        {
            _unavailable = "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql).";
            return null;
        }

        try
        {
            var folder = Path.Combine(Path.GetTempPath(), $"approval-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            Run("chown", $"postgres:postgres {folder}");
            var data = Path.Combine(folder, "data");
            var port = FreePort();
            RunAsPostgres(Path.Combine(bin, "initdb"), $"-D {data} -U postgres --auth=trust --no-sync -E UTF8");
            // fsync stays on: the server is as durable as in production; these databases are just small.
            RunAsPostgres(Path.Combine(bin, "pg_ctl"), $"-D {data} -o \"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=300\" -w -l {folder}/server.log start");
            var instance = new Instance(bin, data, folder, port);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.Stop();
            return instance;
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            _unavailable = $"Could not start a PostgreSQL server: {ex.Message}";
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void RunAsPostgres(string program, string arguments) => Run("runuser", $"-u postgres -- {program} {arguments}");

    private static void Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} {arguments} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    private sealed record Instance(string Bin, string Data, string Folder, int Port)
    {
        public string ConnectionString(string database) =>
            $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

        public void Stop()
        {
            try
            {
                RunAsPostgres(Path.Combine(Bin, "pg_ctl"), $"-D {Data} -m immediate stop");
                Directory.Delete(Folder, recursive: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                // Best effort at process exit: a leftover temp cluster must not fail the run.
            }
        }
    }
}
