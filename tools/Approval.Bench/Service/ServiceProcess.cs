using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Approval.Bench.Service;

/// <summary>
/// The real service as its own process (<c>dotnet Approval.Api.dll</c>), so the harness knows its
/// PID and can read its peak memory and CPU from /proc. Stopped by its own process id only.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logGate = new();

    private ServiceProcess(Process process, StreamWriter log, Uri baseAddress, string logPath)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        LogPath = logPath;
    }

    public Uri BaseAddress { get; }

    public int Pid => _process.Id;

    /// <summary>The service's stdout and stderr, for diagnosing a failed run.</summary>
    public string LogPath { get; }

    /// <summary>Time from <see cref="Process.Start()"/> to the first 200 from <c>/health</c>.</summary>
    public TimeSpan ReadyAfter { get; private set; }

    /// <summary>
    /// Starts the service on a free loopback port with the given database and workflows folder and
    /// waits until <c>/health</c> answers 200.
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(string serviceDll, DatabaseTarget database, string workflowsPath, string logFolder, TimeSpan timeout, IReadOnlyDictionary<string, string>? extraEnvironment = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(serviceDll)!,
        };
        info.ArgumentList.Add(serviceDll);
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["Database__Provider"] = database.Provider;
        info.Environment["Database__ConnectionString"] = database.ConnectionString;
        info.Environment["Approval__WorkflowsPath"] = workflowsPath;
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in extraEnvironment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        Directory.CreateDirectory(logFolder);
        var logPath = Path.Combine(logFolder, $"service-{port}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start.");
        var service = new ServiceProcess(process, log, new Uri($"http://127.0.0.1:{port}"), logPath);
        process.OutputDataReceived += (_, e) => service.Log(e.Data);
        process.ErrorDataReceived += (_, e) => service.Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await service.WaitReadyAsync(clock, timeout);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>Peak resident set (VmHWM) in bytes: the most memory the service has held since it started.</summary>
    public long PeakRssBytes() => ProcStatus("VmHWM:");

    /// <summary>User + system CPU the service has used, from /proc/PID/stat (clock ticks of 1/100 s).</summary>
    public TimeSpan CpuTime() => ProcStat.CpuTime(Pid);

    /// <summary>Bytes and write calls the service has handed to the kernel, from /proc/PID/io.</summary>
    public ProcIo Io() => ProcIo.Read(Pid);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        lock (_logGate)
        {
            _log.Dispose();
        }
    }

    private async Task WaitReadyAsync(Stopwatch clock, TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode} before it was ready; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    ReadyAfter = clock.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: the service migrates and publishes before Kestrel starts.
            }
            catch (TaskCanceledException)
            {
                // A slow first answer; ask again.
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"The service was not ready within {timeout}; see {LogPath}.");
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logGate)
        {
            _log.WriteLine(line);
        }
    }

    private long ProcStatus(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kb = line[field.Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
