using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// Bad ratings are followed up (差评整改): a rating of 差 (2) or 非常差 (1) opens a rectification
/// task for the department concerned — the one the rating names, else the window that delivered
/// the case — and the applicant's follow-up (回访), recorded by the window or a supervisor, closes it.
/// </summary>
internal static class RectificationRules
{
    /// <summary>The highest score that counts as a bad rating (差评).</summary>
    public const int BadScore = 2;

    /// <summary>Where a bad rating's rectification goes when neither the rating nor the delivery names a department.</summary>
    public const string WindowDepartment = "window";

    private const string StepId = "rectification";

    public static Guid TaskIdFor(Guid caseId) => TaskIds.For(caseId, "#" + StepId);

    /// <summary>The refusal of a rating's <see cref="RateService.Department"/>, or null when it may stand.</summary>
    public static Refusal? Check(CaseState state, RateService command)
    {
        if (command.Department is not { } department)
        {
            return null;
        }

        return state.Tasks.Any(t => t.Kind == TaskKind.Approval && string.Equals(t.Department, department, StringComparison.Ordinal))
            ? null
            : Refusal.Invalid(RefusalCodes.DepartmentNotInCase, new FieldPath("department"),
                $"'{department}' had no task in this case; name one of {string.Join(", ", state.Tasks.Where(t => t.Kind == TaskKind.Approval).Select(t => t.Department).Distinct())}, or leave it out for the window.");
    }

    /// <summary>After the rating is recorded: a bad one opens the rectification task.</summary>
    public static DecisionFlow Open(DecisionFlow flow, CaseState state, RateService command, DecisionContext context)
    {
        if (command.Score > BadScore)
        {
            return flow;
        }

        var department = command.Department ?? state.DeliveredBy ?? WindowDepartment;
        var due = context.Calendar.Due(context.Now, command.RectificationLimit);
        return flow.Then(new TaskOpened(TaskIdFor(state.CaseId), StepId, department, null, due) { Kind = TaskKind.Rectification });
    }

    public static Decision FollowUp(CaseState state, RecordFollowUp command, DecisionContext context)
    {
        if (!context.Actor.HasRole(ClerkRoles.WindowClerk) && !context.Actor.HasRole(ClerkRoles.Supervisor))
        {
            return Refusal.Forbidden(RefusalCodes.WindowOrSupervisor, "The applicant's follow-up (回访) is recorded by a window clerk or a supervisor.");
        }

        if (!FollowUpOutcomes.IsKnown(command.Outcome))
        {
            return Refusal.Invalid(RefusalCodes.FollowUpOutcome, new FieldPath("outcome"), $"outcome must be one of {string.Join(", ", FollowUpOutcomes.All)}.");
        }

        if (command.Note is { Length: > 2000 })
        {
            return Refusal.Invalid(RefusalCodes.FindingTooLong, new FieldPath("note"), "note is at most 2000 characters.");
        }

        if (state.FindTask(command.TaskId) is not { } task)
        {
            return Refusal.NotFound(RefusalCodes.TaskNotFound, $"Task {command.TaskId} is not part of this case.");
        }

        if (task.Kind != TaskKind.Rectification)
        {
            return Refusal.Conflict(RefusalCodes.NotRectification, "The task is not the rectification (差评整改) of a bad rating.");
        }

        if (!task.Status.IsOpen())
        {
            return Refusal.Conflict(RefusalCodes.TaskNotOpen, $"The task is already {task.Status.ToString().ToLowerInvariant()}.");
        }

        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        return new DecisionFlow(state, context).Then(new FollowUpRecorded(task.TaskId, command.Outcome!, note));
    }
}
