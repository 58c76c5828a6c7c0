using Approval.Calendar;

namespace Approval.Testing;

/// <summary>
/// The official holiday calendar shipped in <c>workflows/calendars</c>, loaded once, so every test
/// counts working days on the same table the service uses.
/// </summary>
public static class ShippedCalendar
{
    /// <summary>The calendar with default options (Asia/Shanghai, the 7-hour office day).</summary>
    public static WorkingCalendar Default { get; } = new(CalendarLoader.LoadDirectory(RepositoryPaths.Calendars), new CalendarOptions());
}
