namespace Approval.Persistence.Statistics;

/// <summary>The one-screen view of electronic supervision (一屏电子监察) at one instant.</summary>
public sealed record SupervisionOverview(
    DateTimeOffset At,
    IReadOnlyDictionary<string, int> CasesByStatus,
    CompletionFigures Completion,
    IReadOnlyList<DepartmentLoad> Departments,
    IReadOnlyDictionary<string, int> CardsLast24Hours,
    IReadOnlyList<OverdueTask> MostOverdue);

/// <summary>Finished cases: how many, how many within their promised limit, and how many with at most one visit.</summary>
public sealed record CompletionFigures(int Completed, int OnTime, double? OnTimeRate, int OneVisit, double? OneVisitRate, double? AverageVisits);

/// <summary>A department's open tasks, and how many carry a red card on their current deadline (past due); <paramref name="Name"/> is its display name when known.</summary>
public sealed record DepartmentLoad(string Department, int Open, int Overdue, string? Name = null);

/// <summary>An open task past its due instant.</summary>
public sealed record OverdueTask(Guid TaskId, Guid CaseId, string WorkflowId, string StepId, string Department, DateTimeOffset DueAt);
