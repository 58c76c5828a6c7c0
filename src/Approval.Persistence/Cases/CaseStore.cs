using Approval.Calendar;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Rows;
using Approval.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approval.Persistence.Cases;

/// <summary>
/// Runs commands against stored cases: load the events, fold them, let the pure decider judge
/// the command, then write the new events, the case row and the task rows in one transaction.
/// </summary>
/// <remarks>
/// Concurrency is optimistic: the write succeeds only if the case still has the version it was
/// read at. When another writer got there first the command is decided again on fresh state,
/// so two departments approving at once both land and a join fires exactly once. Thread safe;
/// each call uses its own <see cref="ApprovalDbContext"/>.
/// </remarks>
public sealed class CaseStore(
    IDbContextFactory<ApprovalDbContext> dbFactory,
    WorkflowCatalog catalog,
    WorkingCalendar calendar,
    TimeProvider time,
    IOptions<DatabaseOptions> options,
    IEnumerable<ICaseEventSink> sinks,
    ILogger<CaseStore> logger)
{
    private readonly ICaseEventSink[] _sinks = [.. sinks];

    public async Task<LoadedCase?> LoadAsync(Guid caseId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, caseId, cancellationToken);
    }

    /// <summary>Intake: starts a case on the given published version.</summary>
    public Task<CommandOutcome> StartAsync(PublishedWorkflow workflow, StartCase command, Actor actor, CancellationToken cancellationToken = default) =>
        RunAsync(command.CaseId, workflow, command, actor, cancellationToken);

    /// <summary>Any command on an existing case; a case that does not exist is refused as not found.</summary>
    public Task<CommandOutcome> ExecuteAsync(Guid caseId, CaseCommand command, Actor actor, CancellationToken cancellationToken = default) =>
        RunAsync(caseId, null, command, actor, cancellationToken);

    private async Task<CommandOutcome> RunAsync(Guid caseId, PublishedWorkflow? startOn, CaseCommand command, Actor actor, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var loaded = await LoadAsync(db, caseId, cancellationToken);
            var state = loaded?.State ?? new CaseState();
            var workflow = startOn;
            if (workflow is null)
            {
                if (loaded is null)
                {
                    return CommandOutcome.Refused(Refusal.NotFound("case-not-found", $"There is no case {caseId}."));
                }

                workflow = catalog.Find(state.WorkflowId, state.WorkflowVersion)
                    ?? throw new InvalidOperationException($"Case {caseId} runs on {state.WorkflowId} v{state.WorkflowVersion}, which this service has not loaded.");
            }

            var context = new DecisionContext(workflow.Definition, workflow.Version, calendar, time.GetUtcNow(), actor);
            var decision = CaseDecider.Decide(state, command, context);
            if (decision.Refusal is { } refusal)
            {
                return CommandOutcome.Refused(refusal);
            }

            var after = state.Copy();
            foreach (var e in decision.Events)
            {
                after.Apply(e);
            }

            Stage(db, loaded, state, after, decision.Events, workflow, calendar);
            foreach (var sink in _sinks)
            {
                sink.Stage(db, after, workflow, decision.Events);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return new CommandOutcome(after, decision.Events, null);
            }
            catch (DbUpdateException ex) when (DatabaseSetup.IsWriteConflict(ex) && attempt < options.Value.ConcurrencyRetries)
            {
                logger.LogDebug("Case {CaseId} changed under command {Command} (attempt {Attempt}); deciding again.", caseId, command.GetType().Name, attempt);
            }
        }
    }

    private static async Task<LoadedCase?> LoadAsync(ApprovalDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        var rows = await db.CaseEvents.AsNoTracking()
            .Where(e => e.CaseId == caseId)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        var events = rows.ConvertAll(r => EventSerializer.Deserialize(r.Payload));
        return new LoadedCase(CaseState.Fold(events), rows, events);
    }

    private static void Stage(ApprovalDbContext db, LoadedCase? loaded, CaseState before, CaseState after, IReadOnlyList<CaseEvent> events, PublishedWorkflow workflow, WorkingCalendar calendar)
    {
        var previousHash = loaded?.Rows[^1].Hash ?? EventHashChain.Genesis;
        var sequence = before.Version;
        foreach (var e in events)
        {
            sequence++;
            var (type, payload) = EventSerializer.Write(e);
            previousHash = EventHashChain.Next(previousHash, after.CaseId, sequence, payload);
            db.CaseEvents.Add(new CaseEventRow
            {
                CaseId = after.CaseId,
                Sequence = sequence,
                Type = type,
                At = e.At.UtcDateTime,
                ActorId = e.Actor.UserId,
                ActorRoles = string.Join(',', e.Actor.Roles),
                ActorDepartment = e.Actor.Department,
                Payload = payload,
                Hash = previousHash,
            });
        }

        if (loaded is null)
        {
            db.Cases.Add(Project(after, new CaseRow(), workflow, calendar));
        }
        else
        {
            // Attached at the version it was read at, so the UPDATE only matches if nobody wrote since.
            var row = new CaseRow { Id = after.CaseId, Version = before.Version };
            db.Cases.Attach(row);
            Project(after, row, workflow, calendar);
        }

        // A task's alert point changes with its status, its clock, its due and its cards: any event naming it.
        var touched = events.Select(TaskOf).OfType<Guid>().ToHashSet();
        foreach (var taskId in touched)
        {
            var task = after.FindTask(taskId)!;
            var row = Project(task, after.CaseId, workflow, calendar);
            if (before.FindTask(taskId) is null)
            {
                db.Tasks.Add(row);
            }
            else
            {
                db.Tasks.Update(row);
            }
        }
    }

    private static Guid? TaskOf(CaseEvent e) => e switch
    {
        TaskOpened x => x.TaskId,
        TaskClaimed x => x.TaskId,
        TaskReleased x => x.TaskId,
        TaskApproved x => x.TaskId,
        TaskRejected x => x.TaskId,
        TaskCancelled x => x.TaskId,
        SupplementRequested x => x.TaskId,
        SupplementReceived x => x.TaskId,
        TaskSuspended x => x.TaskId,
        TaskResumed x => x.TaskId,
        TaskExtended x => x.TaskId,
        SupplementRoundAllowed x => x.TaskId,
        DeadlineMoved x => x.TaskId,
        CardIssued x => x.TaskId,
        _ => null,
    };

    private static CaseRow Project(CaseState state, CaseRow row, PublishedWorkflow workflow, WorkingCalendar calendar)
    {
        row.NextAlertAt = DeadlineSchedule.NextFor(state, workflow.Definition, calendar)?.At.UtcDateTime;
        row.DueVersion = state.DueVersion;
        row.Id = state.CaseId;
        row.WorkflowId = state.WorkflowId;
        row.WorkflowVersion = state.WorkflowVersion;
        row.Status = state.Status.ToString();
        row.Version = state.Version;
        row.StartedAt = state.StartedAt.UtcDateTime;
        row.EndedAt = state.EndedAt?.UtcDateTime;
        row.DueAt = state.Due?.At.UtcDateTime;
        row.DueProvisional = state.Due?.Provisional ?? false;
        return row;
    }

    private static TaskRow Project(TaskState task, Guid caseId, PublishedWorkflow workflow, WorkingCalendar calendar) => new()
    {
        NextAlertAt = DeadlineSchedule.NextFor(task, workflow.Definition, calendar)?.At.UtcDateTime,
        DueVersion = task.DueVersion,
        Id = task.TaskId,
        CaseId = caseId,
        StepId = task.StepId,
        Department = task.Department,
        Role = task.Role,
        Status = task.Status.ToString(),
        ClaimedBy = task.ClaimedBy,
        OpenedAt = task.OpenedAt.UtcDateTime,
        ClosedAt = task.ClosedAt?.UtcDateTime,
        DueAt = task.Due.At.UtcDateTime,
        DueProvisional = task.Due.Provisional,
    };
}
