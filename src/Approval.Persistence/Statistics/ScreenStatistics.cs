using Approval.Calendar;
using Approval.Engine.Cases;
using Approval.Persistence.Rows;
using Approval.Persistence.Supervision;
using Microsoft.EntityFrameworkCore;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Persistence.Statistics;

/// <summary>
/// The one screen's figures, read from the counters (<see cref="CounterStore"/>) and a bounded
/// number of index range reads — never a scan of history, so the cost stays flat as cases pile up
/// (docs/benchmarks.md, "screen"). Thread safe.
/// </summary>
public sealed class ScreenStatistics(IDbContextFactory<ApprovalDbContext> dbFactory, WorkingCalendar calendar, TimeProvider time)
{
    /// <summary>Days of the trend chart and of every rate on the screen, today included.</summary>
    public const int WindowDays = 30;

    /// <summary>Open tasks read (per status) to find the most urgent yellow and red ones.</summary>
    private const int UrgentCandidates = 200;

    private const int AlertTasksShown = 50;

    private static readonly string[] OpenStatuses = [nameof(TaskStatus.Open), nameof(TaskStatus.Claimed)];

    public async Task<ScreenOverview> OverviewAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = Today(now);
        var from = today.AddDays(1 - WindowDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var snapshot = await CounterSnapshot.BeginAsync(db, cancellationToken);
        var standing = await CounterStore.StandingAsync(db, cancellationToken);
        var daily = await CounterStore.DailyAsync(db, from, today, null, cancellationToken);

        long Standing(string department, string counter) => standing.Where(r => r.Department == department && r.Counter == counter).Sum(r => r.Value);
        long Daily(string counter, DateOnly? day = null) => daily.Where(r => r.Counter == counter && (day is null || r.Day == day)).Sum(r => r.Value);
        long AllStanding(string counter) => standing.Where(r => r.Department != Counters.Centre && r.Counter == counter).Sum(r => r.Value);

        var completed = Daily(Counters.Completed);
        var limited = Daily(Counters.CompletedLimited);
        var limitDays = Daily(Counters.CompletedLimitDays);
        var usedDays = Daily(Counters.CompletedUsedDays);
        var ratings = Daily(Counters.Ratings);
        var centre = new CentreFigures(
            RunningCases: Standing(Counters.Centre, Counters.CasesRunning),
            OpenTasks: AllStanding(Counters.OpenGreen) + AllStanding(Counters.OpenYellow) + AllStanding(Counters.OpenRed),
            YellowTasks: AllStanding(Counters.OpenYellow),
            RedTasks: AllStanding(Counters.OpenRed),
            EscalationsWaiting: AllStanding(Counters.OpenEscalated),
            IntakeToday: Daily(Counters.Intake, today),
            CompletedToday: Daily(Counters.Completed, today),
            YellowCardsToday: Daily(Counters.Cards(CardLevels.Yellow), today),
            RedCardsToday: Daily(Counters.Cards(CardLevels.Red), today),
            Completed: completed,
            OnTimeRate: Rate(Daily(Counters.CompletedOnTime), completed),
            OneVisitRate: Rate(Daily(Counters.CompletedOneVisit), completed),
            AverageUsedDays: limited == 0 ? null : Math.Round((double)usedDays / limited, 2),
            AverageLimitDays: limited == 0 ? null : Math.Round((double)limitDays / limited, 2),
            CompressionRate: limitDays == 0 ? null : Math.Round(1 - (double)usedDays / limitDays, 4),
            Ratings: ratings,
            Satisfaction: Rate(Daily(Counters.RatingsGood), ratings),
            AverageScore: ratings == 0 ? null : Math.Round((double)Daily(Counters.RatingsScore) / ratings, 2),
            CasesByStatus: standing.Where(r => r.Department == Counters.Centre && r.Counter.StartsWith(Counters.StatusPrefix, StringComparison.Ordinal) && r.Value != 0).OrderBy(r => r.Counter, StringComparer.Ordinal)
                .ToDictionary(r => r.Counter[Counters.StatusPrefix.Length..], r => r.Value));

        var departments = standing.Select(r => r.Department).Concat(daily.Select(r => r.Department))
            .Where(d => d != Counters.Centre).Distinct(StringComparer.Ordinal)
            .Select(d => Figures(d, standing, daily))
            .OrderByDescending(d => d.Red).ThenByDescending(d => d.Yellow).ThenByDescending(d => d.Open).ThenBy(d => d.Department, StringComparer.Ordinal)
            .ToList();

        var trend = Enumerable.Range(0, WindowDays).Select(i => from.AddDays(i))
            .Select(day => new TrendDay(day, Daily(Counters.Intake, day), Daily(Counters.Completed, day), Daily(Counters.Cards(CardLevels.Red), day)))
            .ToList();

        var urgent = await UrgentAsync(db, null, UrgentCandidates, now, today, cancellationToken);
        return new ScreenOverview(now, today, centre, departments, trend, [.. urgent.Where(t => t.Colour != Green).Take(AlertTasksShown)]);
    }

    /// <summary>One department's page; null figures are all zero for a department nothing has touched.</summary>
    public async Task<DepartmentScreen> DepartmentAsync(string department, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var today = Today(now);
        var from = today.AddDays(1 - WindowDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var snapshot = await CounterSnapshot.BeginAsync(db, cancellationToken);
        var standing = (await CounterStore.StandingAsync(db, cancellationToken)).Where(r => r.Department == department).ToList();
        var daily = await CounterStore.DailyAsync(db, from, today, department, cancellationToken);

        long Daily(string counter, DateOnly day) => daily.Where(r => r.Counter == counter && r.Day == day).Sum(r => r.Value);
        var trend = Enumerable.Range(0, WindowDays).Select(i => from.AddDays(i))
            .Select(day => new DepartmentDay(day, Daily(Counters.TasksOpened, day), Daily(Counters.TasksFinished, day), Daily(Counters.TasksOnTime, day),
                Daily(Counters.Cards(CardLevels.Yellow), day), Daily(Counters.Cards(CardLevels.Red), day)))
            .ToList();

        var tasks = await UrgentAsync(db, department, 100, now, today, cancellationToken);
        var cards = await db.Set<SupervisionCardRow>().AsNoTracking().Where(c => c.Department == department)
            .OrderByDescending(c => c.IssuedAt).Take(50).ToListAsync(cancellationToken);
        return new DepartmentScreen(now, Figures(department, standing, daily), trend, tasks,
            [.. cards.Select(c => new CardLine(c.CaseId, c.TaskId, c.WorkflowId, c.StepId, c.Level, c.Escalation, Utc(c.IssuedAt), Utc(c.DeadlineAt)))]);
    }

    /// <summary>The calendar's local date at <paramref name="instant"/>: the day "today" and the daily counters mean.</summary>
    public DateOnly Today(DateTimeOffset instant) => DateOnly.FromDateTime(calendar.ToLocal(instant).DateTime);

    private const string Green = "green";

    private static DepartmentFigures Figures(string department, List<StandingCounterRow> standing, List<DailyCounterRow> daily)
    {
        long S(string counter) => standing.Where(r => r.Department == department && r.Counter == counter).Sum(r => r.Value);
        long D(string counter) => daily.Where(r => r.Department == department && r.Counter == counter).Sum(r => r.Value);
        var (green, yellow, red) = (S(Counters.OpenGreen), S(Counters.OpenYellow), S(Counters.OpenRed));
        var finished = D(Counters.TasksFinished);
        var onTime = D(Counters.TasksOnTime);
        var colour = red > 0 ? CardLevels.Red : yellow > 0 ? CardLevels.Yellow : Green;
        return new DepartmentFigures(department, null, colour, S(Counters.CasesRunning), green + yellow + red, green, yellow, red, S(Counters.OpenEscalated),
            finished, onTime, Rate(onTime, finished));
    }

    /// <summary>
    /// The open tasks nearest their due (or furthest past it), per status one index range read of at
    /// most <paramref name="take"/> rows, coloured by the cards on their current deadline.
    /// </summary>
    private async Task<List<AlertTask>> UrgentAsync(ApprovalDbContext db, string? department, int take, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        var tasks = new List<TaskRow>();
        foreach (var status in OpenStatuses)
        {
            var query = db.Tasks.AsNoTracking().Where(t => t.Status == status);
            if (department is not null)
            {
                query = query.Where(t => t.Department == department);
            }

            tasks.AddRange(await query.OrderBy(t => t.DueAt).Take(take).ToListAsync(cancellationToken));
        }

        tasks = [.. tasks.OrderBy(t => t.DueAt).Take(take)];
        var caseIds = tasks.Select(t => t.CaseId).Distinct().ToList();
        var cards = await db.Set<SupervisionCardRow>().AsNoTracking().Where(c => caseIds.Contains(c.CaseId) && c.TaskId != null)
            .Select(c => new { c.TaskId, c.Level, c.DueVersion }).ToListAsync(cancellationToken);
        var workflows = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Id, c.WorkflowId }).ToDictionaryAsync(c => c.Id, c => c.WorkflowId, cancellationToken);
        var urgings = await Urgings.UrgingCounts.OfAsync(db, [.. tasks.Select(t => t.Id)], cancellationToken);
        return [.. tasks.Select(t =>
        {
            var levels = cards.Where(c => c.TaskId == t.Id && c.DueVersion == t.DueVersion).Select(c => c.Level).ToHashSet(StringComparer.Ordinal);
            var colour = levels.Contains(CardLevels.Red) || levels.Contains(CardLevels.Escalation) ? CardLevels.Red : levels.Contains(CardLevels.Yellow) ? CardLevels.Yellow : Green;
            var due = Utc(t.DueAt);
            return new AlertTask(t.Id, t.CaseId, workflows.GetValueOrDefault(t.CaseId, ""), t.StepId, t.Department, colour, due, WorkingDaysLeft(due, today),
                levels.Contains(CardLevels.Escalation), urgings.GetValueOrDefault(t.Id));
        })];
    }

    private int WorkingDaysLeft(DateTimeOffset due, DateOnly today)
    {
        var dueDate = calendar.DeadlineDate(due);
        return dueDate >= today ? calendar.CountWorkingDays(today, dueDate) : -calendar.CountWorkingDays(dueDate, today);
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}
