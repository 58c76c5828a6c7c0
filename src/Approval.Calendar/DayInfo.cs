namespace Approval.Calendar;

/// <summary>Why a day is or is not a working day.</summary>
public enum DayKind
{
    /// <summary>An ordinary Monday–Friday working day.</summary>
    Working,

    /// <summary>Saturday or Sunday with no make-up work.</summary>
    Weekend,

    /// <summary>A statutory holiday (法定节假日, including the weekend days inside a holiday range).</summary>
    Holiday,

    /// <summary>A weekend day declared a working day (调休上班); it counts.</summary>
    MakeUpWorkingDay,
}

/// <summary>What the calendar says about one local date.</summary>
/// <param name="Date">The local date.</param>
/// <param name="Kind">Working, weekend, holiday or make-up working day.</param>
/// <param name="Name">The holiday or make-up day's name from the calendar file; null for ordinary days.</param>
/// <param name="Provisional">True when the date's year has no calendar data and the weekends-only rule was used.</param>
public readonly record struct DayInfo(DateOnly Date, DayKind Kind, string? Name, bool Provisional)
{
    /// <summary>True for <see cref="DayKind.Working"/> and <see cref="DayKind.MakeUpWorkingDay"/>.</summary>
    public bool IsWorkingDay => Kind is DayKind.Working or DayKind.MakeUpWorkingDay;
}
