using System.Globalization;

namespace Approval.Bench.Service;

/// <summary>
/// Bytes and write calls a process has handed to the kernel, from <c>/proc/PID/io</c> (<c>wchar</c>,
/// <c>syscw</c>). Unlike CPU time these hardly move with the machine's load, so they show a change in
/// what each commit writes (WAL pages, checkpoints) even on a busy machine.
/// </summary>
public readonly record struct ProcIo(long BytesWritten, long WriteCalls)
{
    /// <summary>The counters now; zero when the file cannot be read (not Linux, or the process is gone).</summary>
    public static ProcIo Read(int pid)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{pid}/io");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return default;
        }

        long Field(string name) =>
            lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal)) is { } line
                ? long.Parse(line.AsSpan(name.Length).Trim(), CultureInfo.InvariantCulture)
                : 0;
        return new ProcIo(Field("wchar:"), Field("syscw:"));
    }

    public static ProcIo operator -(ProcIo after, ProcIo before) => new(after.BytesWritten - before.BytesWritten, after.WriteCalls - before.WriteCalls);
}
