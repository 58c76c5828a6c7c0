using System.Globalization;
using System.Text.RegularExpressions;
using Approval.Cli.Commands;

namespace Approval.Cli.Analysis.Simulation;

/// <summary>
/// A stopped clock on one task (补正 or 特别程序): from <see cref="From"/> to <see cref="To"/>, the
/// task's limit does not run and its due moves by the working time inside the stop.
/// </summary>
internal sealed partial record ClockStop(string TaskId, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>
    /// Parses <c>taskId:from:to</c>, where the times are local (<c>2026-10-08T10:00</c>) or carry
    /// an offset; the times' own colons make a plain split ambiguous, hence the pattern.
    /// </summary>
    /// <exception cref="FormatException">The text is not a stop, or it ends before it starts.</exception>
    public static ClockStop Parse(string text, TimeZoneInfo zone)
    {
        var match = StopPattern().Match(text.Trim());
        if (!match.Success) throw new FormatException($"--stop '{text}' is not taskId:from:to, e.g. fire-safety:2026-10-08T10:00:2026-10-09T15:00.");
        var from = CalendarCommand.ParseStart(match.Groups["from"].Value, zone);
        var to = CalendarCommand.ParseStart(match.Groups["to"].Value, zone);
        if (to < from) throw new FormatException($"--stop '{text}' resumes before it stops.");
        return new ClockStop(match.Groups["task"].Value, from, to);
    }

    public override string ToString() =>
        $"{TaskId}:{From.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture)}:{To.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture)}";

    private const string Time = @"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?)?(?:Z|[+-]\d\d:?\d\d)?";

    [GeneratedRegex($@"^(?<task>[a-z0-9][a-z0-9-]*):(?<from>{Time}):(?<to>{Time})$", RegexOptions.IgnoreCase)]
    private static partial Regex StopPattern();
}
