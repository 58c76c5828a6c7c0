namespace Approval.Calendar;

/// <summary>A named run of days off (放假), inclusive at both ends, all inside one calendar year.</summary>
/// <param name="Name">The holiday's name as the notice gives it, e.g. 春节.</param>
/// <param name="From">First day off.</param>
/// <param name="To">Last day off (inclusive).</param>
public sealed record Holiday(string Name, DateOnly From, DateOnly To);

/// <summary>A Saturday or Sunday declared a working day (调休上班).</summary>
/// <param name="Date">The weekend date that is worked.</param>
/// <param name="Name">Why, e.g. 春节调休上班.</param>
public sealed record MakeUpWorkingDay(DateOnly Date, string Name);

/// <summary>One thing wrong with calendar data, located by a JSON path into the year's file.</summary>
/// <param name="JsonPath">Where, e.g. <c>$.holidays[2].to</c>.</param>
/// <param name="Message">What is wrong, in words an analyst can act on.</param>
public sealed record CalendarProblem(string JsonPath, string Message)
{
    public override string ToString() => $"{JsonPath}: {Message}";
}

/// <summary>
/// The State Council's holiday arrangement for one year: its holidays and make-up working days.
/// Every other Monday–Friday is a working day and every other Saturday/Sunday is not.
/// </summary>
/// <remarks>
/// A holiday that crosses New Year (e.g. 2023-12-30 – 2024-01-01) is split: each year's file lists
/// only its own days, so that one file alone decides every day of its year. Immutable and thread safe.
/// </remarks>
/// <param name="Year">The Gregorian year the data covers.</param>
/// <param name="Holidays">Named holiday ranges, not overlapping.</param>
/// <param name="MakeUpWorkingDays">Weekend days that are worked.</param>
/// <param name="Source">Where the data comes from (the notice's title and date), for audit.</param>
public sealed record CalendarYear(int Year, IReadOnlyList<Holiday> Holidays, IReadOnlyList<MakeUpWorkingDay> MakeUpWorkingDays, string? Source)
{
    /// <summary>Lowest and highest years accepted; the upper bound leaves room for a deadline at 24:00 on 31 December.</summary>
    public const int MinYear = 1, MaxYear = 9998;

    /// <summary>
    /// Every problem with this year's data, with JSON paths that match the calendar file format
    /// (so the loader can point at the offending entry). Empty when the data is consistent.
    /// </summary>
    public IReadOnlyList<CalendarProblem> Validate()
    {
        var problems = new List<CalendarProblem>();
        if (Year is < MinYear or > MaxYear)
        {
            problems.Add(new("$.year", $"year {Year} is outside {MinYear}–{MaxYear}"));
            return problems;
        }

        if (Holidays is null)
        {
            problems.Add(new("$.holidays", "holidays are missing (use [] for none)"));
        }
        else
        {
            for (var i = 0; i < Holidays.Count; i++)
            {
                var h = Holidays[i];
                var path = $"$.holidays[{i}]";
                if (h is null) { problems.Add(new(path, "entry is null")); continue; }
                if (string.IsNullOrWhiteSpace(h.Name)) problems.Add(new($"{path}.name", "a holiday needs a name"));
                if (h.From.Year != Year) problems.Add(new($"{path}.from", $"{h.From:yyyy-MM-dd} is outside {Year}; list each year's days in that year's file"));
                if (h.To.Year != Year) problems.Add(new($"{path}.to", $"{h.To:yyyy-MM-dd} is outside {Year}; list each year's days in that year's file"));
                if (h.To < h.From) problems.Add(new($"{path}.to", $"ends ({h.To:yyyy-MM-dd}) before it starts ({h.From:yyyy-MM-dd})"));
                for (var j = 0; j < i; j++)
                {
                    var other = Holidays[j];
                    if (other is not null && other.From <= h.To && h.From <= other.To)
                        problems.Add(new(path, $"{h.Name} ({h.From:yyyy-MM-dd}–{h.To:yyyy-MM-dd}) overlaps $.holidays[{j}] {other.Name} ({other.From:yyyy-MM-dd}–{other.To:yyyy-MM-dd})"));
                }
            }
        }

        if (MakeUpWorkingDays is null)
        {
            problems.Add(new("$.makeUpWorkingDays", "makeUpWorkingDays are missing (use [] for none)"));
        }
        else
        {
            for (var i = 0; i < MakeUpWorkingDays.Count; i++)
            {
                var m = MakeUpWorkingDays[i];
                var path = $"$.makeUpWorkingDays[{i}]";
                if (m is null) { problems.Add(new(path, "entry is null")); continue; }
                if (string.IsNullOrWhiteSpace(m.Name)) problems.Add(new($"{path}.name", "a make-up working day needs a name"));
                if (m.Date.Year != Year) problems.Add(new($"{path}.date", $"{m.Date:yyyy-MM-dd} is outside {Year}"));
                if (m.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                    problems.Add(new($"{path}.date", $"{m.Date:yyyy-MM-dd} is a {m.Date.DayOfWeek}, already a working day; a make-up working day must be a Saturday or Sunday"));
                for (var j = 0; j < i; j++)
                {
                    if (MakeUpWorkingDays[j] is { } other && other.Date == m.Date)
                        problems.Add(new($"{path}.date", $"{m.Date:yyyy-MM-dd} is listed twice (also $.makeUpWorkingDays[{j}])"));
                }

                if (Holidays is not null)
                {
                    for (var j = 0; j < Holidays.Count; j++)
                    {
                        if (Holidays[j] is { } h && h.From <= m.Date && m.Date <= h.To)
                            problems.Add(new($"{path}.date", $"{m.Date:yyyy-MM-dd} is inside $.holidays[{j}] {h.Name}; a day cannot be both off and worked"));
                    }
                }
            }
        }

        return problems;
    }
}
