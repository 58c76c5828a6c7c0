using Approval.Calendar;
using Approval.Definitions.Model;

namespace Approval.Engine.Cases;

/// <summary>
/// Everything a decision may depend on besides the case's state and the command: the case's
/// definition version, the working-day calendar, the current instant and who acts. Passing
/// <see cref="Now"/> in (rather than reading a clock) keeps the decider deterministic.
/// </summary>
public sealed record DecisionContext(WorkflowDefinition Definition, int DefinitionVersion, WorkingCalendar Calendar, DateTimeOffset Now, Actor Actor)
{
    /// <summary>The command being decided, as the audit trail names it; set by the decider.</summary>
    public string? CommandName { get; init; }
}
