using Approval.Calendar;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// Consultation (征求意见 / 加签): a department asks others for an opinion on its open approval task.
/// Each consultation is a task of kind consultation in the consulted department's inbox, with its own
/// limit, supervised and carded like any task (never approved by silence); it does not count towards
/// a join. The asking task cannot be approved or rejected while a consultation is unanswered.
/// Clock rule (docs/api.md, "Consultation"): the asking task's and the case's clocks keep running.
/// </summary>
internal static class ConsultationRules
{
    /// <summary>The longest a consultation may be given to answer, in working days.</summary>
    public const int MaxWorkingDays = 30;

    public static Decision Request(CaseState state, RequestConsultation command, DecisionContext context)
    {
        if (string.IsNullOrWhiteSpace(command.Question))
        {
            return Refusal.Invalid(RefusalCodes.QuestionRequired, new FieldPath("question"), "A consultation asks its question.");
        }

        if (command.WorkingDays is < 1 or > MaxWorkingDays)
        {
            return Refusal.Invalid(RefusalCodes.WorkingDays, new FieldPath("workingDays"), $"A consultation is given 1 to {MaxWorkingDays} working days to answer.");
        }

        if (command.Departments is not { Count: > 0 } departments)
        {
            return Refusal.Invalid(RefusalCodes.ConsultDepartments, new FieldPath("departments"), "Name at least one department to consult.");
        }

        return CaseDecider.OnOpenTask(state, command.TaskId, context, (task, flow) =>
        {
            if (task.Kind != TaskKind.Approval)
            {
                return Refusal.Conflict(RefusalCodes.ConsultationTask, "A consultation cannot itself be consulted on; the department that asked may consult further.");
            }

            var open = state.ConsultationsOf(task.TaskId).Where(c => c.Status.IsOpen()).Select(c => c.Department).ToHashSet(StringComparer.Ordinal);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var named = new List<string>();
            for (var i = 0; i < departments.Count; i++)
            {
                var department = departments[i].Trim();
                var why = department.Length == 0 ? "is empty"
                    : department == task.Department ? "is the asking department itself"
                    : !seen.Add(department) ? "is named twice"
                    : open.Contains(department) ? "already has an unanswered consultation on this task"
                    : null;
                if (why is not null)
                {
                    return Refusal.Invalid(RefusalCodes.ConsultDepartments, new FieldPath($"departments[{i}]"), $"Department '{department}' {why}.");
                }

                named.Add(department);
            }

            var number = state.Tasks.Count(t => t.Kind == TaskKind.Consultation);
            var due = context.Calendar.Due(context.Now, TimeLimit.OfWorkingDays(command.WorkingDays));
            foreach (var department in named)
            {
                var id = TaskIds.ForConsultation(state.CaseId, ++number);
                flow.Then(new TaskOpened(id, task.StepId, department, Role: null, due) { Kind = TaskKind.Consultation });
                flow.Then(new ConsultationRequested(id, task.TaskId, command.Question.Trim(), command.WorkingDays));
            }

            return flow;
        });
    }

    public static Decision Answer(CaseState state, AnswerConsultation command, DecisionContext context)
    {
        if (string.IsNullOrWhiteSpace(command.Opinion))
        {
            return Refusal.Invalid(RefusalCodes.OpinionRequired, new FieldPath("opinion"), "An answer to a consultation gives its opinion.");
        }

        return OnConsultation(state, command.TaskId, context, asking: false, (task, flow) => flow.Then(new ConsultationAnswered(task.TaskId, command.Opinion.Trim())));
    }

    public static Decision Withdraw(CaseState state, WithdrawConsultation command, DecisionContext context)
    {
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            return Refusal.Invalid(RefusalCodes.ReasonRequired, new FieldPath("reason"), "A withdrawn consultation gives its reason.");
        }

        return OnConsultation(state, command.TaskId, context, asking: true, (task, flow) => flow.Then(new ConsultationWithdrawn(task.TaskId, command.Reason.Trim())));
    }

    /// <summary>
    /// Refuses the commands a consultation blocks: approving or rejecting its asking task while it is
    /// unanswered, and the approval-task commands on a consultation itself. Null lets the command through
    /// (also to a clerk who may not act on the task, so the usual 403 answers them).
    /// </summary>
    public static Refusal? Blocks(CaseState state, CaseCommand command, DecisionContext context)
    {
        var (taskId, deciding) = command switch
        {
            ApproveTask a => (a.TaskId, true),
            RejectTask r => (r.TaskId, true),
            ReturnForSupplement s => (s.TaskId, false),
            SuspendTask s => (s.TaskId, false),
            _ => (Guid.Empty, false),
        };
        if (taskId == Guid.Empty || state.FindTask(taskId) is not { } task || !task.Status.IsOpen() || !CaseAccess.MayWorkOn(context.Actor, task))
        {
            return null;
        }

        if (task.Kind == TaskKind.Consultation)
        {
            return Refusal.Conflict(RefusalCodes.ConsultationTask, "A consultation is answered with POST /api/tasks/{id}/answer-consultation, not approved, rejected, returned or suspended.");
        }

        var pending = deciding ? state.ConsultationsOf(task.TaskId).Where(c => c.Status.IsOpen()).Select(c => c.Department).ToList() : [];
        return pending.Count == 0
            ? null
            : Refusal.Conflict(RefusalCodes.ConsultationPending, $"The task waits for the opinion of {string.Join(", ", pending)}; answer or withdraw each consultation first.");
    }

    private static Decision OnConsultation(CaseState state, Guid taskId, DecisionContext context, bool asking, Func<TaskState, DecisionFlow, Decision> rule)
    {
        if (state.FindTask(taskId) is not { } task)
        {
            return Refusal.NotFound(RefusalCodes.TaskNotFound, $"Task {taskId} is not part of this case.");
        }

        if (task.Kind != TaskKind.Consultation || task.ParentTaskId is not { } parentId)
        {
            return Refusal.Conflict(RefusalCodes.NotConsultation, "The task is not a consultation; approval tasks are approved or rejected.");
        }

        if (!asking)
        {
            // The consulted department answers: the usual rules of working on its task (claims, stopped clock).
            return CaseDecider.OnOpenTask(state, taskId, context, rule);
        }

        var parent = state.FindTask(parentId)!;
        if (!CaseAccess.MayWorkOn(context.Actor, parent))
        {
            return Refusal.Forbidden(RefusalCodes.OtherDepartment, $"Only a clerk of {parent.Department}, which asked, may withdraw the consultation.");
        }

        return task.Status.IsOpen()
            ? rule(task, new DecisionFlow(state, context))
            : Refusal.Conflict(RefusalCodes.TaskNotOpen, $"The consultation is already {task.Status.ToString().ToLowerInvariant()}.");
    }
}
