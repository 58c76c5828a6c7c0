using System.Globalization;
using Approval.Calendar;

namespace Approval.Api.Hosting;

/// <summary>Builds the working-day calendar from the year files and the configured settings; logs each year used without data once.</summary>
internal static class CalendarFactory
{
    public static WorkingCalendar Create(string calendarsPath, CalendarSettings settings, ILogger logger)
    {
        var years = Directory.Exists(calendarsPath) ? CalendarLoader.LoadDirectory(calendarsPath) : [];
        if (years.Count == 0)
        {
            logger.LogWarning("No calendar year files in {Path}: every deadline will be provisional (weekends only).", calendarsPath);
        }

        var options = new CalendarOptions
        {
            TimeZone = settings.TimeZone,
            CloseOfDay = string.IsNullOrWhiteSpace(settings.CloseOfDay) ? null : TimeOnly.ParseExact(settings.CloseOfDay, "HH:mm", CultureInfo.InvariantCulture),
            OfficeHours = settings.OfficeHours.Count == 0 ? CalendarOptions.DefaultOfficeHours : [.. settings.OfficeHours.Select(ParseOfficeHours)],
        };
        var calendar = new WorkingCalendar(years, options);
        Views.DeadlineView.Zone = calendar.Zone; // every rendered due carries this zone's local time beside the instant
        calendar.MissingYearUsed += (_, year) => logger.LogWarning(
            "A deadline reaches into {Year}, which has no calendar file: computed on weekends only and marked provisional. Add workflows/calendars/{Year}.json when the State Council publishes it.", year, year);
        logger.LogInformation("Calendar years loaded: {Years}; time zone {Zone}.", string.Join(", ", years.Select(y => y.Year)), options.TimeZone);
        return calendar;
    }

    private static OfficeHours ParseOfficeHours(string text)
    {
        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            throw new InvalidOperationException($"Calendar:OfficeHours entry '{text}' must look like 09:00-12:00.");
        }

        return new OfficeHours(from, to);
    }
}
