using Approval.Calendar;

namespace Approval.Cli.Analysis.Simulation;

/// <summary>
/// One row of a dry run: a step in document order with when it starts and ends, or why it was
/// skipped; tasks carry their <see cref="TaskDeadlines"/>.
/// </summary>
internal sealed class SimulatedStep
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }

    /// <summary>Nesting depth: 0 for a top-level step.</summary>
    public required int Depth { get; init; }

    /// <summary>Null when the step runs; otherwise why it does not (a false <c>when</c>, another decision branch, a skipped parent).</summary>
    public string? SkippedBecause { get; set; }

    public DateTimeOffset? Start { get; set; }
    public DateTimeOffset? End { get; set; }

    /// <summary>Set for task steps that run.</summary>
    public TaskDeadlines? Task { get; set; }

    /// <summary>Extra facts for the reader: the join it was cancelled by, a yellow card that falls at once, a stop before the task opened.</summary>
    public List<string> Notes { get; } = [];

    public bool Skipped => SkippedBecause is not null;
}

/// <summary>The supervision instants of one task, computed on the real calendar.</summary>
/// <param name="Department">The department that works the task.</param>
/// <param name="Limit">The task's own limit.</param>
/// <param name="Yellow">Yellow card (黄牌); null when the policy sets none.</param>
/// <param name="Due">Due instant after stops; the red card (红牌) falls here too.</param>
/// <param name="DueWithoutStops">The due before any <c>--stop</c> was applied.</param>
/// <param name="FirstEscalation">First escalation (督办) after red; null when approved by silence or escalation is off.</param>
/// <param name="ApproveOnOverdue">True when the task is approved by silence (超时默许) at its due.</param>
/// <param name="Crossed">Holidays and make-up working days between the start day and the due day.</param>
/// <param name="Stops">The merged clock stops applied, in order.</param>
internal sealed record TaskDeadlines(
    string Department,
    TimeLimit Limit,
    Deadline? Yellow,
    Deadline Due,
    Deadline DueWithoutStops,
    Deadline? FirstEscalation,
    bool ApproveOnOverdue,
    IReadOnlyList<CrossedDays> Crossed,
    IReadOnlyList<ClockStop> Stops)
{
    /// <summary>True when any instant depends on a year without calendar data.</summary>
    public bool Provisional => Due.Provisional || Yellow?.Provisional == true || FirstEscalation?.Provisional == true;
}

/// <summary>A run of consecutive holiday days or a make-up working day that a task's clock crossed.</summary>
internal sealed record CrossedDays(DayKind Kind, string Name, DateOnly From, DateOnly To)
{
    public override string ToString()
    {
        var dates = From == To ? $"{From:MM-dd}" : $"{From:MM-dd}–{To:MM-dd}";
        return Kind == DayKind.Holiday ? $"{Name} {dates} (not counted)" : $"{Name} {dates} (counted)";
    }
}
