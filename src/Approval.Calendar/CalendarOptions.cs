namespace Approval.Calendar;

/// <summary>One span of office hours on a working day, <c>[From, To)</c> in local time.</summary>
/// <param name="From">First instant of the span (inclusive).</param>
/// <param name="To">End of the span (exclusive); must be after <paramref name="From"/>.</param>
public readonly record struct OfficeHours(TimeOnly From, TimeOnly To)
{
    public override string ToString() => $"{From:HH\\:mm}-{To:HH\\:mm}";
}

/// <summary>
/// How a service centre keeps the legal clock: its time zone, when a day's last deadline falls,
/// and the office hours that count for hour limits (即办件).
/// </summary>
/// <remarks>Immutable and thread safe. Validated when a <see cref="WorkingCalendar"/> is built.</remarks>
public sealed record CalendarOptions
{
    /// <summary>The default office hours: 09:00–12:00 and 13:30–17:30 (seven hours a day).</summary>
    public static IReadOnlyList<OfficeHours> DefaultOfficeHours { get; } =
    [
        new(new TimeOnly(9, 0), new TimeOnly(12, 0)),
        new(new TimeOnly(13, 30), new TimeOnly(17, 30)),
    ];

    /// <summary>IANA (or Windows) id of the service centre's zone; deadlines are computed in its local time.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    /// <summary>
    /// When a working-day limit ends on its last day. Null means the end of the day (24:00), the
    /// reading of 民法典 art. 203; a centre that closes its windows at 17:30 may set 17:30.
    /// Affects <see cref="WorkingCalendar.Due"/> only: the clock itself always counts whole days.
    /// </summary>
    public TimeOnly? CloseOfDay { get; init; }

    /// <summary>
    /// Office-hour spans counted by hour limits, in order and not overlapping. They are the same on
    /// every working day, make-up working days included.
    /// </summary>
    public IReadOnlyList<OfficeHours> OfficeHours { get; init; } = DefaultOfficeHours;
}
