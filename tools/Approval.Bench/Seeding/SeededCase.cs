using Approval.Bench.Engine;
using Approval.Engine.Cases;
using Approval.Persistence.Cases;
using Approval.Persistence.Rows;

namespace Approval.Bench.Seeding;

/// <summary>
/// The rows the service would have written for one case, made by running it through the pure
/// engine (so events, hash chain, case and task rows — with their NextAlertAt — are the real ones).
/// </summary>
internal sealed record SeededCase(CaseRow Case, IReadOnlyList<TaskRow> Tasks, IReadOnlyList<CaseEventRow> Events)
{
    /// <summary>A case started at <paramref name="start"/> on <paramref name="version"/>; finished (delivered) or left with every task open.</summary>
    public static SeededCase Make(Bundle bundle, DateTimeOffset start, bool finished, int version)
    {
        var run = new PureCase(bundle, Guid.CreateVersion7(start), start, version);
        run.Start();
        if (finished)
        {
            run.ApproveAll();
            run.Deliver();
        }

        var state = run.State;
        var definition = bundle.Definition;
        var events = new List<CaseEventRow>(run.Events.Count);
        var hash = EventHashChain.Genesis;
        for (var i = 0; i < run.Events.Count; i++)
        {
            var e = run.Events[i];
            var (type, payload) = EventSerializer.Write(e);
            hash = EventHashChain.Next(hash, state.CaseId, i + 1, payload);
            events.Add(new CaseEventRow
            {
                CaseId = state.CaseId, Sequence = i + 1, Type = type, At = e.At.UtcDateTime, ActorId = e.Actor.UserId,
                ActorRoles = string.Join(',', e.Actor.Roles), ActorDepartment = e.Actor.Department, Payload = payload, Hash = hash,
            });
        }

        var row = new CaseRow
        {
            Id = state.CaseId, WorkflowId = state.WorkflowId, WorkflowVersion = version, Status = state.Status.ToString(), Version = state.Version,
            StartedAt = state.StartedAt.UtcDateTime, EndedAt = state.EndedAt?.UtcDateTime, DueAt = state.Due?.At.UtcDateTime,
            DueProvisional = state.Due?.Provisional ?? false, DueVersion = state.DueVersion,
            NextAlertAt = DeadlineSchedule.NextFor(state, definition, bundle.Calendar)?.At.UtcDateTime,
        };
        var tasks = state.Tasks.Select(t => new TaskRow
        {
            Id = t.TaskId, CaseId = state.CaseId, StepId = t.StepId, Department = t.Department, Role = t.Role, Status = t.Status.ToString(),
            ClaimedBy = t.ClaimedBy, OpenedAt = t.OpenedAt.UtcDateTime, ClosedAt = t.ClosedAt?.UtcDateTime, DueAt = t.Due.At.UtcDateTime,
            DueProvisional = t.Due.Provisional, DueVersion = t.DueVersion, NextAlertAt = DeadlineSchedule.NextFor(t, definition, bundle.Calendar)?.At.UtcDateTime,
        }).ToList();
        return new SeededCase(row, tasks, events);
    }
}
