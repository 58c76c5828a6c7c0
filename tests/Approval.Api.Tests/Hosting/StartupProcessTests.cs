using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Approval.Api.Tests.Hosting;

/// <summary>
/// Start-up errors of the real built service process: exit code 1, one line on stderr naming the
/// setting, no stack trace, and nothing touched before the settings were checked.
/// </summary>
[NonParallelizable]
public class StartupProcessTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("approval-startup").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    private static string ServiceDll()
    {
        // The test binaries are in bin/<Configuration>/<framework>; the service is built beside its own project.
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var dll = Path.Combine(Approval.Testing.RepositoryPaths.Root, "src", "Approval.Api", "bin", configuration, framework, "Approval.Api.dll");
        Assert.That(File.Exists(dll), Is.True, $"the service is built by the test project's reference: {dll}");
        return dll;
    }

    private async Task<(int Exit, string[] Out, string[] Err)> RunServiceAsync(Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [ServiceDll()])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the service kept running instead of refusing to start");
        }

        static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return (process.ExitCode, Lines(await stdout), Lines(await stderr));
    }

    private static void AssertOneLine((int Exit, string[] Out, string[] Err) run, string setting)
    {
        Assert.Multiple(() =>
        {
            Assert.That(run.Exit, Is.EqualTo(1), string.Join('\n', run.Err));
            Assert.That(run.Err, Has.Length.EqualTo(1), string.Join('\n', run.Err));
            Assert.That(run.Err.FirstOrDefault(), Does.StartWith("approval: ").And.Contain(setting));
            Assert.That(run.Out.Concat(run.Err).Where(l => l.StartsWith("at ", StringComparison.Ordinal)), Is.Empty, "no stack trace");
        });
    }

    [Test]
    public async Task Production_without_a_signing_key_exits_1_naming_the_key_before_creating_the_database()
    {
        var database = Path.Combine(_folder, "data", "approval.db");

        var run = await RunServiceAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Database__ConnectionString"] = $"Data Source={database}",
        });

        AssertOneLine(run, "Authentication:Jwt:SigningKey");
        Assert.That(File.Exists(database), Is.False, "settings are checked before the database is migrated");
    }

    [Test]
    public async Task An_unreachable_PostgreSQL_server_exits_1_naming_the_connection_string()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var run = await RunServiceAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "PostgreSql",
            ["Database__ConnectionString"] = $"Host=127.0.0.1;Port={port};Database=approval;Username=approval;Timeout=3",
        });

        AssertOneLine(run, "Database:ConnectionString");
    }

    [Test]
    public async Task An_unknown_provider_exits_1_naming_the_provider_setting()
    {
        var run = await RunServiceAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__Provider"] = "Oracle",
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(_folder, "approval.db")}",
        });

        AssertOneLine(run, "Database:Provider");
        Assert.That(Directory.EnumerateFiles(_folder, "*.db", SearchOption.AllDirectories), Is.Empty);
    }

    [Test]
    public async Task Started_from_another_folder_the_service_reads_its_own_settings_and_logs_no_SQL()
    {
        // The shipped appsettings.json sets EF Core's command log to Warning; without it every
        // migration step and poll prints "Executed DbCommand" at Information.
        var start = new ProcessStartInfo("dotnet", [ServiceDll()])
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__ConnectionString"] = $"Data Source={Path.Combine(_folder, "approval.db")}";
        start.Environment["Approval__WorkflowsPath"] = Approval.Testing.RepositoryPaths.Workflows;

        using var process = Process.Start(start)!;
        var lines = new List<string>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                if (line.Contains("Content root path", StringComparison.Ordinal))
                {
                    break;
                }
            }
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Some.Contains("Application started"), string.Join('\n', lines));
            Assert.That(lines, Has.Some.Contains("Content root path: " + _folder), "started from another folder than the assembly's");
            Assert.That(lines, Has.None.Contains("Executed DbCommand"), "the service's own log filter was applied");
        });
    }
}
