using Approval.Calendar;

namespace Approval.Definitions.Validation;

/// <summary>
/// Puts working-day and office-hour limits on one scale for publish-time checks only. The
/// deadline engine computes real instants on the calendar; here a working day counts as
/// <see cref="PerWorkingDay"/> office hours, the usual 9:00–12:00, 13:00–18:00 service-centre day.
/// </summary>
internal static class OfficeHours
{
    public const int PerWorkingDay = 8;

    public static int Of(TimeLimit limit) => limit.WorkingDays is { } d ? d * PerWorkingDay : limit.Hours ?? 0;

    public static int Of(Model.WarningPolicy policy) =>
        policy.YellowWorkingDaysBefore is { } d ? d * PerWorkingDay : policy.YellowHoursBefore ?? 0;

    /// <summary>Shows <paramref name="hours"/> in the unit the analyst used for <paramref name="like"/>.</summary>
    public static string Format(int hours, TimeLimit like) =>
        like.WorkingDays is not null && hours % PerWorkingDay == 0
            ? $"{hours / PerWorkingDay} working day{(hours == PerWorkingDay ? string.Empty : "s")}"
            : $"{hours} office hour{(hours == 1 ? string.Empty : "s")}";
}
