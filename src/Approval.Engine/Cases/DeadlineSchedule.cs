using Approval.Calendar;
using Approval.Definitions.Model;

namespace Approval.Engine.Cases;

/// <summary>
/// Where the cards of a deadline fall on the working-day calendar: yellow a policy's working days
/// (or office hours) before the due instant, red at it, escalations every N working days after.
/// A task approved by silence has no red card or escalations: it is approved at its due instant.
/// </summary>
/// <remarks>Pure and thread safe.</remarks>
public static class DeadlineSchedule
{
    /// <summary>Safety bound on unbounded escalation, so a forgotten case cannot produce endless work in one pass.</summary>
    public const int EscalationBound = 100;

    /// <summary>The alert points of a deadline not issued yet, in order, up to <paramref name="until"/> (inclusive); all of them when null.</summary>
    public static IEnumerable<CardPoint> Pending(Deadline due, int dueVersion, WarningPolicy policy, OverdueAction onOverdue, IReadOnlySet<string> issued, WorkingCalendar calendar, DateTimeOffset? until)
    {
        foreach (var point in Points(due, policy, onOverdue, calendar))
        {
            if (until is { } limit && point.At > limit)
            {
                yield break;
            }

            if (!issued.Contains(point.Key(dueVersion)))
            {
                yield return point;
            }
        }
    }

    /// <summary>The next alert point of a deadline not issued yet, or null when none remains.</summary>
    public static CardPoint? Next(Deadline due, int dueVersion, WarningPolicy policy, OverdueAction onOverdue, IReadOnlySet<string> issued, WorkingCalendar calendar) =>
        Pending(due, dueVersion, policy, onOverdue, issued, calendar, null).FirstOrDefault();

    /// <summary>The next alert of an open task, or null when it is closed or its clock is stopped.</summary>
    public static CardPoint? NextFor(TaskState task, WorkflowDefinition definition, WorkingCalendar calendar)
    {
        if (!task.Status.IsOpen() || task.IsClockStopped || TaskPolicy.For(task, definition) is not { } policy)
        {
            return null;
        }

        return Next(task.Due, task.DueVersion, policy.Warning, policy.OnOverdue, task.CardsIssued, calendar);
    }

    /// <summary>The next alert on the case's promised limit, or null when the case has none, has ended, or its clock is stopped.</summary>
    public static CardPoint? NextFor(CaseState state, WorkflowDefinition definition, WorkingCalendar calendar) =>
        state.Due is not { } due || state.IsEnded || state.IsClockStopped || state.Status == CaseStatus.AwaitingDelivery
            ? null
            : Next(due, state.DueVersion, definition.Warning, OverdueAction.Escalate, state.CardsIssued, calendar);

    private static IEnumerable<CardPoint> Points(Deadline due, WarningPolicy policy, OverdueAction onOverdue, WorkingCalendar calendar)
    {
        var yellow = calendar.Subtract(due.At, policy.YellowBefore).At;
        yield return new CardPoint(CardLevel.Yellow, 0, yellow);

        if (onOverdue == OverdueAction.Approve)
        {
            yield return new CardPoint(CardLevel.ApproveBySilence, 0, due.At);
            yield break;
        }

        yield return new CardPoint(CardLevel.Red, 0, due.At);
        if (policy.EscalateEveryWorkingDays <= 0)
        {
            yield break;
        }

        var max = Math.Min(policy.MaxEscalations ?? EscalationBound, EscalationBound);
        for (var k = 1; k <= max; k++)
        {
            yield return new CardPoint(CardLevel.Escalation, k, calendar.Add(due.At, TimeLimit.OfWorkingDays(k * policy.EscalateEveryWorkingDays)).At);
        }
    }
}
