using Approval.Calendar;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Idempotency;
using Approval.Persistence.Rows;
using Approval.Persistence.Statistics;
using Approval.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Cases;

/// <summary>
/// Everything one accepted command writes, prepared on the caller's thread (projection, JSON, hash
/// chain) so that the part done under the database's write lock is only the statements themselves:
/// the new event rows, the case row (inserted, or updated only if it is still at
/// <see cref="ExpectedVersion"/>), and the rows of every task the events touched.
/// </summary>
internal sealed class CaseWrite
{
    private CaseWrite(CaseState before, CaseState after, IReadOnlyList<CaseEvent> events, PublishedWorkflow workflow)
    {
        Before = before;
        After = after;
        Events = events;
        Workflow = workflow;
    }

    /// <summary>The state the command was decided on; the sinks read it to know what changed.</summary>
    public CaseState Before { get; }

    public CaseState After { get; }
    public IReadOnlyList<CaseEvent> Events { get; }
    public PublishedWorkflow Workflow { get; }
    public List<CaseEventRow> EventRows { get; } = [];
    public CaseRow Case { get; private set; } = null!;

    /// <summary>True for intake: the case row is inserted, and a duplicate id is a conflict.</summary>
    public bool IsNewCase { get; private set; }

    /// <summary>The version the case was decided at; the update matches only if nobody wrote since.</summary>
    public int ExpectedVersion { get; private set; }

    public List<(TaskRow Row, bool IsNew)> Tasks { get; } = [];

    /// <summary>The answer of the keyed request this command serves, completed in the same transaction; null without a key.</summary>
    public CommittedAnswer? Answer { get; set; }

    /// <summary>
    /// The supervision counters' changes of these events, worked out here rather than by the group
    /// commit's one writer, whose time bounds every node's throughput; null when no counter sink was given.
    /// </summary>
    public CounterChanges? Counters { get; private set; }

    /// <summary>The hash of the last event written, the link the next command chains to.</summary>
    public string LastHash { get; private set; } = EventHashChain.Genesis;

    /// <param name="counters">The counter sink whose changes the group commit inserts; null where the sinks stage their own rows.</param>
    public static CaseWrite Prepare(CaseState before, string previousHash, CaseState after, IReadOnlyList<CaseEvent> events, PublishedWorkflow workflow, WorkingCalendar calendar, CounterSink? counters = null)
    {
        var write = new CaseWrite(before, after, events, workflow) { IsNewCase = !before.IsStarted, ExpectedVersion = before.Version, Counters = counters?.ChangesFor(before, workflow, events) };
        write.EventRows.AddRange(Cases.EventRows.Chain(after.CaseId, before.Version, previousHash, events));
        write.LastHash = write.EventRows.Count > 0 ? write.EventRows[^1].Hash : previousHash;
        write.Case = CaseProjection.Project(after, workflow.Definition, calendar);

        // A task's alert point changes with its status, its clock, its due and its cards: any event naming it.
        var touched = new HashSet<Guid>();
        foreach (var e in events)
        {
            if (CaseProjection.TaskOf(e) is { } taskId && touched.Add(taskId))
            {
                write.Tasks.Add((CaseProjection.Project(after.FindTask(taskId)!, after.CaseId, workflow.Definition, calendar), before.FindTask(taskId) is null));
            }
        }

        return write;
    }

    /// <summary>Stages the rows in an EF context (the path for providers other than SQLite).</summary>
    public void StageIn(ApprovalDbContext db)
    {
        db.CaseEvents.AddRange(EventRows);
        if (IsNewCase)
        {
            db.Cases.Add(Case);
        }
        else
        {
            // Every column is written; the concurrency token's original value puts the read version in the WHERE.
            var entry = db.Cases.Attach(Case);
            entry.State = EntityState.Modified;
            entry.Property(c => c.Version).OriginalValue = ExpectedVersion;
        }

        foreach (var (row, isNew) in Tasks)
        {
            if (isNew)
            {
                db.Tasks.Add(row);
            }
            else
            {
                db.Tasks.Update(row);
            }
        }
    }
}
