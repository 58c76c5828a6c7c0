namespace Approval.Engine.Cases.Events;

/// <summary>A step that needs no human work finished (intake when the case starts).</summary>
public sealed record StepCompleted(string StepId) : CaseEvent;

/// <summary>A step's condition (<c>when</c>) did not hold on the case's data, so it does not run.</summary>
public sealed record StepSkipped(string StepId, string Condition) : CaseEvent;

/// <summary>A branch was cut off because its parallel block's join rule was already decided.</summary>
public sealed record StepCancelled(string StepId, string ParallelStepId) : CaseEvent;

/// <summary>A decision chose its branch (<paramref name="BranchId"/>) on the case's data.</summary>
public sealed record DecisionTaken(string StepId, string BranchId) : CaseEvent;

/// <summary>
/// A parallel block's join rule was decided, exactly once per block: approved when enough
/// branches approved (会签 / 或签 / quorum), rejected when that can no longer happen.
/// </summary>
public sealed record JoinCompleted(string StepId, bool Approved, int ApprovedBranches, int RunningBranches) : CaseEvent;
