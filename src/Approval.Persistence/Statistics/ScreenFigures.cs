namespace Approval.Persistence.Statistics;

/// <summary>The overview of the one screen (一屏电子监察) at <paramref name="At"/>; <paramref name="Today"/> is the calendar's local date.</summary>
public sealed record ScreenOverview(
    DateTimeOffset At,
    DateOnly Today,
    CentreFigures Centre,
    IReadOnlyList<DepartmentFigures> Departments,
    IReadOnlyList<TrendDay> Trend,
    IReadOnlyList<AlertTask> AlertTasks);

/// <summary>
/// Figures of the whole centre. Rates are over the last <see cref="ScreenStatistics.WindowDays"/> days
/// (today included) and null when nothing was counted.
/// </summary>
/// <param name="CompressionRate">时限压缩率: 1 − working days used ÷ working days promised, over cases with a working-day limit.</param>
/// <param name="Satisfaction">好差评: the share of ratings of 4 or 5.</param>
public sealed record CentreFigures(
    long RunningCases,
    long OpenTasks,
    long YellowTasks,
    long RedTasks,
    long EscalationsWaiting,
    long IntakeToday,
    long CompletedToday,
    long YellowCardsToday,
    long RedCardsToday,
    long Completed,
    double? OnTimeRate,
    double? OneVisitRate,
    double? AverageUsedDays,
    double? AverageLimitDays,
    double? CompressionRate,
    long Ratings,
    double? Satisfaction,
    double? AverageScore,
    IReadOnlyDictionary<string, long> CasesByStatus);

/// <summary>One department's load now and its on-time rate over the window; <paramref name="Colour"/> is its worst open task's.</summary>
public sealed record DepartmentFigures(
    string Department,
    string? Name,
    string Colour,
    long RunningCases,
    long Open,
    long Green,
    long Yellow,
    long Red,
    long Escalated,
    long Finished,
    long FinishedOnTime,
    double? OnTimeRate);

/// <summary>One day of the trend chart.</summary>
public sealed record TrendDay(DateOnly Day, long Intake, long Completed, long RedCards);

/// <summary>
/// An open task with a yellow or red card on its current deadline. <paramref name="WorkingDaysLeft"/>
/// counts working days from today to its due date: positive left, 0 due today, negative late;
/// <paramref name="Urgings"/> how many times it was urged (催办).
/// </summary>
public sealed record AlertTask(Guid TaskId, Guid CaseId, string WorkflowId, string StepId, string Department, string Colour, DateTimeOffset DueAt, int WorkingDaysLeft, bool Escalated, int Urgings = 0);

/// <summary>One department's page: its figures, daily trend, most urgent open tasks and latest cards.</summary>
public sealed record DepartmentScreen(
    DateTimeOffset At,
    DepartmentFigures Figures,
    IReadOnlyList<DepartmentDay> Trend,
    IReadOnlyList<AlertTask> Tasks,
    IReadOnlyList<CardLine> Cards);

/// <summary>One day of a department: tasks opened and finished, on time, and cards.</summary>
public sealed record DepartmentDay(DateOnly Day, long Opened, long Finished, long OnTime, long YellowCards, long RedCards);

/// <summary>A card as the department page lists it.</summary>
public sealed record CardLine(Guid CaseId, Guid? TaskId, string WorkflowId, string? StepId, string Level, int Escalation, DateTimeOffset IssuedAt, DateTimeOffset DeadlineAt);
