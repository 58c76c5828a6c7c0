using Approval.Calendar;

namespace Approval.Definitions.Validation;

/// <summary>
/// Puts working-day and office-hour limits on one scale for publish-time checks only (APV012,
/// APV013). The deadline engine computes real instants on the calendar; here a working day counts
/// as the office day of <see cref="CalendarOptions.DefaultOfficeHours"/> (09:00–12:00 and
/// 13:30–17:30: 7 office hours, as docs/calendar.md says), so the two checks and the clock agree.
/// </summary>
internal static class OfficeHours
{
    /// <summary>Office hours in one working day, from the calendar's office spans.</summary>
    public static readonly int PerWorkingDay = Math.Max(1, (int)Math.Round(CalendarOptions.DefaultOfficeHours.Sum(h => (h.To - h.From).TotalHours)));

    public static int Of(TimeLimit limit) => limit.IsWorkingDays ? limit.Amount * PerWorkingDay : limit.Amount;

    public static int Of(Model.WarningPolicy policy) => Of(policy.YellowBefore);

    /// <summary>
    /// Shows <paramref name="hours"/> in the unit the analyst used for <paramref name="like"/>: working
    /// days (with the office hours left over, if any) for a working-day limit, office hours otherwise.
    /// </summary>
    public static string Format(int hours, TimeLimit like)
    {
        if (like.IsHours) return Hours(hours);
        var days = hours / PerWorkingDay;
        var rest = hours % PerWorkingDay;
        var dayText = $"{days} working day{(days == 1 ? string.Empty : "s")}";
        return rest == 0 ? dayText : days == 0 ? Hours(rest) : $"{dayText} and {Hours(rest)}";
    }

    /// <summary>Said once in a message that mixes the two units, so the sum can be checked by hand.</summary>
    public static string Scale => $"a working day counted as {PerWorkingDay} office hours";

    private static string Hours(int hours) => $"{hours} office hour{(hours == 1 ? string.Empty : "s")}";
}
