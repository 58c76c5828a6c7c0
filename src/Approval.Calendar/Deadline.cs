namespace Approval.Calendar;

/// <summary>
/// A computed deadline: the instant <see cref="At"/> (always UTC, offset 0) and whether any day
/// it depends on lies in a year with no calendar data (<see cref="Provisional"/>).
/// </summary>
/// <remarks>
/// A provisional deadline was computed with the weekends-only rule for the missing year(s). It may
/// move once that year's State Council notice is published and its file added; the host should
/// recompute it then and should show it as provisional until then. Immutable and thread safe.
/// </remarks>
/// <param name="At">The deadline instant, in UTC.</param>
/// <param name="Provisional">True when a year without calendar data was used.</param>
public readonly record struct Deadline(DateTimeOffset At, bool Provisional);
