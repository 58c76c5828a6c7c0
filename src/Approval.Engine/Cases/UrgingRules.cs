using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// Urging (催办): a supervisor, or the window on the applicant's behalf, presses a department on an
/// open task. Once per task per working day of the calendar; a supervisor may insist. Urging
/// changes no deadline.
/// </summary>
internal static class UrgingRules
{
    /// <summary>Longest note an urging carries to the department.</summary>
    public const int MaxNoteLength = 500;

    public static Decision Urge(CaseState state, UrgeTask command, DecisionContext context)
    {
        var actor = context.Actor;
        var supervisor = actor.HasRole(ClerkRoles.Supervisor);
        if (!supervisor && !actor.HasRole(ClerkRoles.WindowClerk))
        {
            return Refusal.Forbidden(RefusalCodes.UrgingNotAllowed, "A task is urged (催办) by a supervisor, or by the window on the applicant's behalf.");
        }

        if (command.Insist && !supervisor)
        {
            return Refusal.Forbidden(RefusalCodes.SupervisorOnly, "Only a supervisor may insist on a second urging the same working day.");
        }

        if (command.Note is { Length: > MaxNoteLength })
        {
            return Refusal.Invalid(RefusalCodes.CommentTooLong, new FieldPath("note"), $"note is at most {MaxNoteLength} characters.");
        }

        if (state.FindTask(command.TaskId) is not { } task)
        {
            return Refusal.NotFound(RefusalCodes.TaskNotFound, $"Task {command.TaskId} is not part of this case.");
        }

        if (!task.Status.IsOpen())
        {
            return Refusal.Conflict(RefusalCodes.TaskNotOpen, $"The task is already {task.Status.ToString().ToLowerInvariant()}; there is nothing to urge.");
        }

        if (task.LastUrgedAt is { } last && !command.Insist && SameWorkingDay(context, last))
        {
            return Refusal.Conflict(RefusalCodes.AlreadyUrged, $"The task was already urged this working day (at {context.Calendar.ToLocal(last):yyyy-MM-dd HH:mm}); urge again on the next working day, or a supervisor may insist.");
        }

        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        var insisted = command.Insist && task.LastUrgedAt is { } previous && SameWorkingDay(context, previous);
        return new DecisionFlow(state, context).Then(new TaskUrged(task.TaskId, note, insisted));
    }

    /// <summary>
    /// True when no working day has begun between the two instants' local dates: an urging on a
    /// Saturday counts towards the Monday after it, like a Friday's until the Monday.
    /// </summary>
    private static bool SameWorkingDay(DecisionContext context, DateTimeOffset last)
    {
        var calendar = context.Calendar;
        var then = DateOnly.FromDateTime(calendar.ToLocal(last).DateTime);
        var now = DateOnly.FromDateTime(calendar.ToLocal(context.Now).DateTime);
        return calendar.CountWorkingDays(then, now) == 0;
    }
}
