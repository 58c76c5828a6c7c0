using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Bench.Engine;

/// <summary>
/// Drives one case through the pure engine only — <see cref="CaseDecider.Decide"/> then
/// the state its decision leads to (<see cref="Decision.State"/>) — exactly as the store does minus the database. The seeders use it
/// too, so the rows they write are the ones the real engine would have produced.
/// </summary>
public sealed class PureCase(Bundle bundle, Guid caseId, DateTimeOffset start, int version = 1)
{
    private DateTimeOffset _now = start;

    public CaseState State { get; private set; } = new();

    /// <summary>Every event recorded so far, in order.</summary>
    public List<CaseEvent> Events { get; } = [];

    /// <summary>Intake (受理) by the window clerk.</summary>
    public void Start() => Do(bundle.Intake(caseId), Bundle.Window);

    /// <summary>Each open task approved by a clerk of its department, in opening order.</summary>
    public void ApproveAll()
    {
        foreach (var task in State.Tasks.Where(t => t.Status.IsOpen()).OrderBy(t => t.OpenedAt).ThenBy(t => t.StepId, StringComparer.Ordinal).ToList())
        {
            Do(new ApproveTask(task.TaskId, "ok", null), Bundle.DepartmentClerk(task.Department));
        }
    }

    /// <summary>Unified delivery (统一出件) by pickup; the case completes.</summary>
    public void Deliver() => Do(new DeliverCase("pickup", null), Bundle.Window);

    /// <summary>Runs one command; a refusal is a bug in the scenario, not a figure, so it throws.</summary>
    public void Do(CaseCommand command, Actor actor)
    {
        _now += TimeSpan.FromMinutes(1);
        var decision = CaseDecider.Decide(State, command, new DecisionContext(bundle.Definition, version, bundle.Calendar, _now, actor));
        if (decision.Refusal is { } refusal)
        {
            throw new InvalidOperationException($"{command.GetType().Name} refused: {refusal.Code} {refusal.Message}");
        }

        State = decision.State;
        Events.AddRange(decision.Events);
    }
}
