using System.Globalization;
using Approval.Engine.Cases.Commands;

namespace Approval.Cli.Analysis.Simulation;

/// <summary>A script's <c>consult=</c> argument: the departments asked for an opinion (征求意见) and their limit.</summary>
internal static class Consultation
{
    /// <summary>The limit of a consultation whose argument names none, in working days.</summary>
    public const int DefaultWorkingDays = 3;

    /// <summary>Parses <c>dept+dept/N</c> into the command asking them on <paramref name="taskId"/>.</summary>
    /// <exception cref="FormatException">No department, or a limit that is not a whole number of working days.</exception>
    public static RequestConsultation Parse(Guid taskId, string argument)
    {
        var (names, days) = argument.Split('/') switch
        {
            [var d] => (d, DefaultWorkingDays),
            [var d, var n] when int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) => (d, parsed),
            _ => throw new FormatException($"consult={argument}: the limit after '/' is a whole number of working days, e.g. consult=natural-resources/3."),
        };
        var departments = names.Split('+', StringSplitOptions.RemoveEmptyEntries);
        if (departments.Length == 0) throw new FormatException($"consult={argument} names no department.");
        return new RequestConsultation(taskId, departments, "simulated consultation", days);
    }
}
