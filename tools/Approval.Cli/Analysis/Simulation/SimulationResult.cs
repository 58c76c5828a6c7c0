using Approval.Calendar;
using Approval.Definitions.Model;

namespace Approval.Cli.Analysis.Simulation;

/// <summary>The outcome of a dry run: every step's row, the flow's end and whether it meets the case's promise.</summary>
/// <param name="Steps">One row per step, in document order.</param>
/// <param name="End">When delivery is reached if every task is approved exactly at its due.</param>
/// <param name="CaseDue">The case's promised due (承诺时限) from the start; null when the definition promises none.</param>
/// <param name="CriticalPath">The task ids whose dues, one after another, determine <see cref="End"/>.</param>
/// <param name="MissingYears">Years without calendar data that the run used (every such instant is provisional).</param>
internal sealed record SimulationResult(
    WorkflowDefinition Definition,
    DateTimeOffset Start,
    IReadOnlyList<SimulatedStep> Steps,
    DateTimeOffset End,
    Deadline? CaseDue,
    IReadOnlyList<string> CriticalPath,
    IReadOnlyList<int> MissingYears)
{
    /// <summary>True when the critical path ends no later than the promised due (or nothing is promised).</summary>
    public bool Fits => CaseDue is not { } due || End <= due.At;
}
