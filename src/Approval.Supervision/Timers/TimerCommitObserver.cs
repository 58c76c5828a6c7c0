using Approval.Calendar;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Cases;

namespace Approval.Supervision.Timers;

/// <summary>
/// After a command commits: every deadline whose next alert point is new or moved (a task opened, a
/// clock stopped or resumed, an extension, a transfer, a card issued) gets a timer, and a commit that
/// recorded alerts gets a delivery at once. Only hands work to the <see cref="TimerPump"/>, so the
/// command is not kept waiting on Hangfire's storage. Singleton, thread safe.
/// </summary>
public sealed class TimerCommitObserver(TimerPump pump, WorkingCalendar calendar) : ICaseCommitObserver
{
    public void Committed(CommittedCase commit)
    {
        var definition = commit.Workflow.Definition;
        var caseId = commit.After.CaseId;
        foreach (var row in commit.Tasks)
        {
            var before = commit.Before.FindTask(row.Id);
            var beforeAt = before is null ? null : DeadlineSchedule.NextFor(before, definition, calendar)?.At.UtcDateTime;
            if (row.NextAlertAt is { } at && (at != beforeAt || row.DueVersion != before?.DueVersion))
            {
                pump.Post(new DeadlineTimer(caseId, row.Id, row.DueVersion, Utc(at)));
            }
        }

        var caseBefore = commit.Before.IsStarted ? DeadlineSchedule.NextFor(commit.Before, definition, calendar)?.At.UtcDateTime : null;
        if (commit.Case.NextAlertAt is { } caseAt && (caseAt != caseBefore || commit.Case.DueVersion != commit.Before.DueVersion))
        {
            pump.Post(new DeadlineTimer(caseId, null, commit.Case.DueVersion, Utc(caseAt)));
        }

        if (commit.Events.Any(e => e is CardIssued or TaskApproved { BySilence: true } or TaskUrged))
        {
            pump.PostDelivery();
        }
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
