using System.Diagnostics;
using Approval.Testing;

namespace Approval.Browser.Tests;

/// <summary>The <c>approval</c> CLI as an operator runs it: its own process, built beside these tests (same configuration).</summary>
internal static class ApprovalCli
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        // tests/Approval.Browser.Tests/bin/<configuration>/net10.0/ → tools/Approval.Cli/bin/<configuration>/net10.0/approval.dll
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepositoryPaths.Root, "tools", "Approval.Cli", "bin", configuration, "net10.0", "approval.dll");
        Assert.That(File.Exists(dll), Is.True, $"the CLI is built at {dll} (dotnet build Approval.sln)");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.Root };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
