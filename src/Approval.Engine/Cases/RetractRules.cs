using Approval.Definitions.Model;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// Retract (撤回): a department takes back its own approval or rejection while nothing has acted on
/// it yet — the task is a branch (or the last step of a branch) of a parallel block whose join has
/// not fired. Once the join fired, the flow moved on, or a rejection ended the case, it is refused.
/// Clock rule (docs/api.md, "Retract"): the task reopens on the limit it had; the time it was closed counts.
/// </summary>
internal static class RetractRules
{
    public static Decision Retract(CaseState state, RetractDecision command, DecisionContext context)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Refusal.Invalid(RefusalCodes.ReasonRequired, new FieldPath("reason"), "A retraction (撤回) must give its reason.");
        }

        if (state.FindTask(command.TaskId) is not { } task)
        {
            return Refusal.NotFound(RefusalCodes.TaskNotFound, $"Task {command.TaskId} is not part of this case.");
        }

        if (!CaseAccess.MayWorkOn(context.Actor, task))
        {
            return Refusal.Forbidden(RefusalCodes.OtherDepartment, $"Only a clerk of {task.Department} may take back its decision.");
        }

        if (task.Kind != TaskKind.Approval || task.Status is not (TaskStatus.Approved or TaskStatus.Rejected))
        {
            return Refusal.Conflict(RefusalCodes.TaskNotDecided, $"Only an approved or rejected approval task can be retracted; this one is {task.Status.ToString().ToLowerInvariant()}.");
        }

        if (state.IsEnded)
        {
            return TooLate($"the join fired and the case is {state.Status.ToString().ToLowerInvariant()}");
        }

        if (!ReferenceEquals(state.FindTaskOfStep(task.StepId), task))
        {
            return TooLate("a send back (退回) superseded the task; its step runs again as a new task");
        }

        if (WaitingJoin(context.Definition, task.StepId) is not { } join)
        {
            return TooLate("the flow moved on to the next step when it was decided");
        }

        if (state.OutcomeOf(join.Id).IsTerminal())
        {
            return TooLate($"the join of '{join.Id}' has fired");
        }

        var decision = task.Status == TaskStatus.Approved ? "approved" : "rejected";
        return new DecisionFlow(state, context).Then(new DecisionRetracted(task.TaskId, decision, command.Reason.Trim()));
    }

    /// <summary>The parallel block whose join alone waits on the step's decision, or null when the decision moved the flow on at once.</summary>
    private static ParallelStepDefinition? WaitingJoin(WorkflowDefinition definition, string stepId)
    {
        var path = definition.PathTo(stepId)!;
        for (var k = path.Count - 1; k > 0; k--)
        {
            switch (path[k - 1])
            {
                case ParallelStepDefinition parallel:
                    return parallel;
                case SequenceStepDefinition sequence when !ReferenceEquals(sequence.Steps[^1], path[k]):
                    return null; // the next step of the branch opened on the decision
            }
        }

        return null;
    }

    private static Refusal TooLate(string why) =>
        Refusal.Conflict(RefusalCodes.RetractTooLate, $"The decision can no longer be retracted: {why}. Where the definition allows it, a later step may send the case back (退回) instead.");
}
