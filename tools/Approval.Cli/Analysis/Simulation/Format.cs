using System.Globalization;
using Approval.Calendar;

namespace Approval.Cli.Analysis.Simulation;

/// <summary>How instants read in the analyst tools: local time, with midnight shown as 24:00 of the day it closes.</summary>
internal static class Format
{
    /// <summary>
    /// <c>2026-10-09 Fri 24:00</c> for the close of a day (local 00:00), else <c>2026-10-08 Thu 10:00</c>:
    /// a limit that ends at the close of Friday should read Friday, as the law counts it.
    /// </summary>
    public static string Instant(WorkingCalendar calendar, DateTimeOffset instant)
    {
        var local = calendar.ToLocal(instant);
        return local.TimeOfDay == TimeSpan.Zero
            ? $"{local.AddDays(-1).ToString("yyyy-MM-dd ddd", CultureInfo.InvariantCulture)} 24:00"
            : local.ToString("yyyy-MM-dd ddd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>ISO 8601 with the local offset, for machine reports.</summary>
    public static string Iso(WorkingCalendar calendar, DateTimeOffset instant) =>
        calendar.ToLocal(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
