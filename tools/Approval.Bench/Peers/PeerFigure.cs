namespace Approval.Bench.Peers;

/// <summary>
/// One engine's run of the seven-command flow: how many cases finished in how long, and the CPU they
/// took. <see cref="NotRun"/> says why a peer has no figure (not installed, not asked for).
/// </summary>
public sealed record PeerFigure(string Label, int Cases, int Completed, TimeSpan Elapsed, TimeSpan ProcessorTime, IReadOnlyList<string> Errors, string? NotRun = null)
{
    public double CasesPerSecond => Elapsed > TimeSpan.Zero ? Completed / Elapsed.TotalSeconds : 0;

    /// <summary>CPU milliseconds per completed case, all threads of the process that ran it.</summary>
    public double CpuMsPerCase => Completed > 0 ? ProcessorTime.TotalMilliseconds / Completed : 0;

    /// <summary>What the figure was measured with, for the report's settings line (versions, state size).</summary>
    public string? Detail { get; init; }

    /// <summary>Failed cases beyond the samples in <see cref="Errors"/> (the node script sends at most five messages).</summary>
    public int UnsampledErrors { get; init; }

    public int ErrorCount => Errors.Count + UnsampledErrors;

    public static PeerFigure Skipped(string label, string reason) => new(label, 0, 0, TimeSpan.Zero, TimeSpan.Zero, [], reason);
}
