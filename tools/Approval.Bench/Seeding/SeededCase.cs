using Approval.Bench.Engine;
using Approval.Engine.Cases;
using Approval.Persistence.Cases;
using Approval.Persistence.Rows;

namespace Approval.Bench.Seeding;

/// <summary>
/// The rows the service would have written for one case, made by running it through the pure
/// engine (so events, hash chain, case and task rows — with their NextAlertAt — are the real ones).
/// </summary>
/// <param name="History">The events themselves, for the supervision counters they imply.</param>
internal sealed record SeededCase(CaseRow Case, IReadOnlyList<TaskRow> Tasks, IReadOnlyList<CaseEventRow> Events, IReadOnlyList<Approval.Engine.Cases.Events.CaseEvent> History)
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
        var events = EventRows.Chain(state.CaseId, 0, EventHashChain.Genesis, run.Events);
        var row = CaseProjection.Project(state, definition, bundle.Calendar);
        var tasks = state.Tasks.Select(t => CaseProjection.Project(t, state.CaseId, definition, bundle.Calendar)).ToList();
        return new SeededCase(row, tasks, events, [.. run.Events]);
    }
}
