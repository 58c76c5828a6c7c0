using Approval.Definitions.Model;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// Send back (退回): a department from its open task, or the window from unified delivery, returns the
/// case to an earlier step its definition allows (<c>sendBack</c>). Open tasks in between are
/// cancelled, done ones superseded, and the flow reopens the target in a new round. Clock rule
/// (docs/api.md, "Send back"): the case's promised limit keeps running; reopened tasks get fresh
/// limits from the send back; clock stops that end with a cancelled task still do not count.
/// </summary>
internal static class SendBackRules
{
    public static Decision SendBack(CaseState state, SendBack command, DecisionContext context)
    {
        if (string.IsNullOrWhiteSpace(command.ToStepId))
        {
            return Refusal.Invalid(RefusalCodes.SendBackNotAllowed, new FieldPath("toStepId"), "Name the earlier step to send the case back to (toStepId).");
        }

        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Refusal.Invalid(RefusalCodes.ReasonRequired, new FieldPath("reason"), "A send back (退回) must give its reason.");
        }

        if (command.TaskId is { } taskId)
        {
            return CaseDecider.OnOpenTask(state, taskId, context, (task, flow) =>
                task.Kind != TaskKind.Approval
                    ? Refusal.Conflict(RefusalCodes.ConsultationTask, "A consultation is answered, not sent back; the department that asked for it may send its own task back.")
                    : From(flow, context.Definition.FindStep(task.StepId)!, task, command, context));
        }

        if (!context.Actor.HasRole(ClerkRoles.WindowClerk))
        {
            return Refusal.Forbidden(RefusalCodes.WindowOnly, "Without a task, a send back is the window's, from unified delivery (统一出件); a department sends back from its task.");
        }

        if (state.Status != CaseStatus.AwaitingDelivery)
        {
            return Refusal.Conflict(RefusalCodes.NotAwaitingDelivery, "The window sends back from unified delivery; the case has approvals still open, and their departments send back from their tasks.");
        }

        var delivery = context.Definition.Steps.OfType<DeliveryStepDefinition>().First(s => state.OutcomeOf(s.Id) == StepOutcome.Running);
        return From(new DecisionFlow(state, context), delivery, null, command, context);
    }

    private static Decision From(DecisionFlow flow, StepDefinition from, TaskState? task, SendBack command, DecisionContext context)
    {
        var to = command.ToStepId.Trim();
        if (!from.SendBack.Contains(to, StringComparer.Ordinal) || SendBackRange.Reopened(context.Definition, from.Id, to) is not { } range)
        {
            var allowed = from.SendBack.Count == 0 ? "no step" : string.Join(", ", from.SendBack);
            return Refusal.Invalid(RefusalCodes.SendBackNotAllowed, new FieldPath("toStepId"), $"Step '{from.Id}' may send back to {allowed} (its sendBack in the definition); '{to}' is not one of them.");
        }

        var reopened = range.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var before = flow.State;
        foreach (var open in before.Tasks.Where(t => t.Status.IsOpen() && reopened.Contains(t.StepId)).ToList())
        {
            flow.Then(new TaskCancelled(open.TaskId, $"sent back to {to}"));
        }

        // A stop that ends because its task was cancelled still does not count against the case.
        ClockRules.ResumeCase(flow, before, context, $"sent back to {to}: stopped clock ended");

        return flow.Then(new CaseSentBack(from.Id, task?.TaskId, to, command.Reason.Trim(), [.. range.Select(s => s.Id)])).Advanced();
    }
}
