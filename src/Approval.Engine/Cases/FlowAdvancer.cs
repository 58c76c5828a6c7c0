using Approval.Definitions.Model;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// Moves a case through its block-structured flow after each accepted command: opens the tasks
/// that may start, skips steps whose condition fails, decides joins and ends the case.
/// </summary>
/// <remarks>
/// Every change goes through <see cref="Emit"/>, which folds the event into a new working state at
/// once; so the walk always sees what it has just decided, and a join that was decided is a
/// recorded outcome that is never decided again — the join fires exactly once per block.
/// Composite steps (sequences, decisions, the root) keep no state of their own: their outcome is
/// derived from their children on every walk.
/// </remarks>
internal sealed class FlowAdvancer
{
    private CaseState _state;
    private readonly DecisionContext _context;
    private readonly List<CaseEvent> _events;

    public FlowAdvancer(CaseState state, DecisionContext context, List<CaseEvent> events)
    {
        _state = state;
        _context = context;
        _events = events;
    }

    public CaseState State => _state;

    public void Emit(CaseEvent e)
    {
        var stamped = e with { At = _context.Now, Actor = _context.Actor, Command = _context.CommandName };
        _state = _state.Apply(stamped);
        _events.Add(stamped);
    }

    /// <summary>Walks the flow from the root and ends the case when its outcome is decided.</summary>
    public void Advance()
    {
        if (_state.IsEnded)
        {
            return;
        }

        var outcome = AdvanceSequence(_context.Definition.Steps);
        if (outcome == StepOutcome.Approved)
        {
            Emit(new CaseCompleted());
        }
        else if (outcome == StepOutcome.Rejected)
        {
            var rejected = _state.Tasks.FirstOrDefault(t => t.Status == TaskStatus.Rejected);
            CancelOpenTasks(_context.Definition.Steps, "case rejected");
            CommitmentRules.CancelVerifications(this, _state, "case rejected");
            Emit(new CaseRejected(rejected?.StepId ?? "", rejected?.Reason ?? "rejected"));
        }
    }

    private StepOutcome AdvanceSequence(IReadOnlyList<StepDefinition> steps)
    {
        foreach (var step in steps)
        {
            var outcome = AdvanceStep(step);
            if (outcome is StepOutcome.Approved or StepOutcome.Skipped)
            {
                continue;
            }

            return outcome;
        }

        return StepOutcome.Approved;
    }

    private StepOutcome AdvanceStep(StepDefinition step)
    {
        var recorded = _state.OutcomeOf(step.Id);
        if (recorded.IsTerminal())
        {
            return recorded;
        }

        if (recorded == StepOutcome.NotStarted && step.When is { } condition && !condition.Evaluate(_state.Data))
        {
            Emit(new StepSkipped(step.Id, condition.Source));
            return StepOutcome.Skipped;
        }

        return step switch
        {
            IntakeStepDefinition => CompleteIntake(step),
            TaskStepDefinition task => recorded == StepOutcome.NotStarted ? OpenTask(task) : StepOutcome.Running,
            ParallelStepDefinition parallel => AdvanceParallel(parallel),
            DecisionStepDefinition decision => AdvanceDecision(decision),
            SequenceStepDefinition sequence => AdvanceSequence(sequence.Steps),
            DeliveryStepDefinition => recorded == StepOutcome.NotStarted ? ReadyDelivery(step) : StepOutcome.Running,
            _ => throw new InvalidOperationException($"Unknown step type {step.GetType().Name} at {step.Path}."),
        };
    }

    private StepOutcome CompleteIntake(StepDefinition step)
    {
        Emit(new StepCompleted(step.Id));
        return StepOutcome.Approved;
    }

    private StepOutcome ReadyDelivery(StepDefinition step)
    {
        Emit(new DeliveryReady(step.Id));
        return StepOutcome.Running;
    }

    private StepOutcome OpenTask(TaskStepDefinition task)
    {
        var due = _context.Calendar.Due(_context.Now, task.TimeLimit);
        Emit(new TaskOpened(TaskIds.For(_state.CaseId, task.Id, _state.RoundOf(task.Id)), task.Id, task.Department, task.Role, due));
        if (task.Commitment is { } commitment && _state.IsCommitted(task.Id))
        {
            CommitmentRules.ApproveOnCommitment(this, _state, task, commitment, _context);
            return StepOutcome.Approved;
        }

        return StepOutcome.Running;
    }

    private StepOutcome AdvanceParallel(ParallelStepDefinition parallel)
    {
        int running = 0, approved = 0, open = 0;
        foreach (var branch in parallel.Branches)
        {
            switch (AdvanceStep(branch))
            {
                case StepOutcome.Approved:
                    running++;
                    approved++;
                    break;
                case StepOutcome.Running:
                    running++;
                    open++;
                    break;
                case StepOutcome.Rejected:
                case StepOutcome.Cancelled:
                    running++;
                    break;
            }
        }

        var needed = parallel.Join.Needed(running);
        if (approved >= needed)
        {
            CutOpenBranches(parallel);
            Emit(new JoinCompleted(parallel.Id, Approved: true, approved, running));
            return StepOutcome.Approved;
        }

        if (approved + open < needed)
        {
            CutOpenBranches(parallel);
            Emit(new JoinCompleted(parallel.Id, Approved: false, approved, running));
            return StepOutcome.Rejected;
        }

        return StepOutcome.Running;
    }

    private StepOutcome AdvanceDecision(DecisionStepDefinition decision)
    {
        var chosen = _state.ChosenBranch(decision.Id);
        SequenceStepDefinition? branch;
        if (chosen is null)
        {
            branch = decision.Branches.FirstOrDefault(b => b.When is null || b.When.Evaluate(_state.Data));
            if (branch is null)
            {
                Emit(new StepSkipped(decision.Id, "no branch matched"));
                return StepOutcome.Skipped;
            }

            Emit(new DecisionTaken(decision.Id, branch.Id));
        }
        else
        {
            branch = decision.Branches.First(b => b.Id == chosen);
        }

        // The branch's own condition chose it; the sequence runs unguarded from here.
        return AdvanceSequence(branch.Steps);
    }

    private bool Touched(StepDefinition step) =>
        _state.OutcomeOf(step.Id) != StepOutcome.NotStarted || step.Children.Any(Touched);

    private void CutOpenBranches(ParallelStepDefinition parallel)
    {
        foreach (var branch in parallel.Branches)
        {
            if (_state.OutcomeOf(branch.Id).IsTerminal())
            {
                continue;
            }

            CancelOpenTasks([branch], $"join of {parallel.Id} decided");
            if (branch is not TaskStepDefinition && Touched(branch))
            {
                Emit(new StepCancelled(branch.Id, parallel.Id));
            }
        }
    }

    private void CancelOpenTasks(IEnumerable<StepDefinition> steps, string reason)
    {
        foreach (var step in steps)
        {
            // The step's approval task and any consultation asked on it. Not a verification (核查): its
            // item is granted on commitment, so the check is owed whatever the join decided; only a
            // rejected bundle, which issues nothing, cancels it (CommitmentRules.CancelVerifications).
            foreach (var task in _state.Tasks.Where(t => t.Status.IsOpen() && t.Kind != TaskKind.Verification && string.Equals(t.StepId, step.Id, StringComparison.Ordinal)).ToList())
            {
                Emit(new TaskCancelled(task.TaskId, reason));
            }

            CancelOpenTasks(step.Children, reason);
        }
    }
}
