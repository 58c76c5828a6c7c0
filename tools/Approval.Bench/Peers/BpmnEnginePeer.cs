using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Approval.Bench.Peers;

/// <summary>
/// bpmn-engine (Node.js) on the same flow, through <c>Peers/bpmn/bench.js</c>: the script is copied to a
/// temporary folder, its locked packages installed there with <c>npm ci</c>, and its one JSON line read
/// back. No node, no npm or no package reachable is "not installed", never a failure of the scenario.
/// </summary>
public static class BpmnEnginePeer
{
    public const string Label = "bpmn-engine";

    private static readonly JsonSerializerOptions ScriptJson = new(JsonSerializerDefaults.Web);

    private static readonly string[] ScriptFiles = ["package.json", "package-lock.json", "bench.js", "approval-flow.bpmn"];

    /// <summary>The script's own report: its CPU is <c>process.cpuUsage()</c> over the timed loop, so node's start-up and npm are not in it.</summary>
    private sealed record ScriptReport(int Cases, double Seconds, double CpuMsPerCase, double StateBytesPerWrite, bool Fsync, int Errors, string[] ErrorSamples, string Node);

    /// <param name="searchPath">Where to look for node and npm; the process's PATH when null.</param>
    public static async Task<PeerFigure> RunAsync(int cases, int warmupCases, bool fsync, TimeSpan timeout, string? searchPath = null)
    {
        searchPath ??= Environment.GetEnvironmentVariable("PATH") ?? "";
        var node = FindOnPath("node", searchPath);
        var npm = FindOnPath("npm", searchPath);
        if (node is null || npm is null)
        {
            return PeerFigure.Skipped(Label, $"not installed: {(node is null ? "node" : "npm")} is not on PATH");
        }

        var folder = Path.Combine(Path.GetTempPath(), $"approval-bench-bpmn-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in ScriptFiles)
            {
                File.Copy(Path.Combine(RepoPaths.Root, "tools", "Approval.Bench", "Peers", "bpmn", file), Path.Combine(folder, file));
            }

            var install = await RunAsync(npm, ["ci", "--no-audit", "--no-fund", "--loglevel=error"], folder, TimeSpan.FromMinutes(5));
            if (install.ExitCode != 0)
            {
                return PeerFigure.Skipped(Label, $"not installed: npm ci exited {install.ExitCode}: {Tail(install.Error)}");
            }

            List<string> arguments = ["bench.js", "--cases", cases.ToString(CultureInfo.InvariantCulture), "--warmup", warmupCases.ToString(CultureInfo.InvariantCulture), "--state-dir", Path.Combine(folder, "state")];
            if (fsync)
            {
                arguments.Add("--fsync");
            }

            var run = await RunAsync(node, arguments, folder, timeout);
            var line = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
            if (run.ExitCode != 0 || line is null)
            {
                return new PeerFigure(Label, cases, 0, TimeSpan.Zero, TimeSpan.Zero, [$"bench.js exited {run.ExitCode}: {Tail(run.Error)}"]);
            }

            var report = JsonSerializer.Deserialize<ScriptReport>(line, ScriptJson)
                ?? throw new InvalidOperationException("bench.js printed no report.");
            var completed = report.Cases - report.Errors;
            return new PeerFigure(Label, report.Cases, completed, TimeSpan.FromSeconds(report.Seconds), TimeSpan.FromMilliseconds(report.CpuMsPerCase * report.Cases), report.ErrorSamples)
            {
                UnsampledErrors = Math.Max(0, report.Errors - report.ErrorSamples.Length),
                Detail = $"node {report.Node}, state {report.StateBytesPerWrite:N0} bytes per write, fsync {(report.Fsync ? "on" : "off")}",
            };
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record Finished(int ExitCode, string Output, string Error);

    private static async Task<Finished> RunAsync(string program, IEnumerable<string> arguments, string folder, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new Finished(-1, await output, $"killed after {timeout.TotalSeconds:N0} s. {await error}");
        }

        return new Finished(process.ExitCode, await output, await error);
    }

    private static string? FindOnPath(string program, string searchPath) =>
        searchPath
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static string Tail(string text) => text.Length <= 300 ? text.Trim() : text[^300..].Trim();
}
