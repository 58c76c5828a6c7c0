using Approval.Definitions.Loading;
using Approval.Definitions.Model;

namespace Approval.Definitions.Validation;

/// <summary>
/// APV012: if every task used its whole limit, no task may end after the case's promised limit
/// (承诺时限). Time adds up along sequences and takes the longest branch of a parallel block or
/// a decision, whatever the join rule or condition — the promise must hold in the worst case, so
/// no task's deadline ever lies beyond the case's. Reports the task that crosses the limit, with
/// the chain of tasks that leads to it.
/// </summary>
internal static class CaseLimitRule
{
    public static void Check(WorkflowDefinition definition, Diagnostics diagnostics)
    {
        if (definition.TimeLimit is not { } caseLimit)
        {
            return;
        }

        var walker = new Walker(OfficeHours.Of(caseLimit), caseLimit, diagnostics);
        walker.Sequence(definition.Steps, new Reach(0, []));
    }

    private readonly record struct Reach(int Hours, IReadOnlyList<TaskStepDefinition> Chain);

    private sealed class Walker(int limit, Calendar.TimeLimit caseLimit, Diagnostics diagnostics)
    {
        public Reach Sequence(IEnumerable<StepDefinition> steps, Reach start) =>
            steps.Aggregate(start, (reach, step) => Step(step, reach));

        private Reach Step(StepDefinition step, Reach start) => step switch
        {
            TaskStepDefinition task => Task(task, start),
            SequenceStepDefinition sequence => Sequence(sequence.Steps, start),
            ParallelStepDefinition parallel => Longest(parallel.Branches, start),
            DecisionStepDefinition decision => Longest(decision.Branches, start),
            _ => start,
        };

        private Reach Longest(IEnumerable<StepDefinition> branches, Reach start)
        {
            var longest = start;
            foreach (var branch in branches)
            {
                var end = Step(branch, start);
                if (end.Hours > longest.Hours)
                {
                    longest = end;
                }
            }

            return longest;
        }

        private Reach Task(TaskStepDefinition task, Reach start)
        {
            var end = new Reach(start.Hours + OfficeHours.Of(task.TimeLimit), [.. start.Chain, task]);

            // Only the task that crosses the line is reported; the ones after it follow from it.
            if (start.Hours <= limit && end.Hours > limit)
            {
                var chain = string.Join(" → ", end.Chain.Select(t => $"{t.Id} ({OfficeHours.Format(OfficeHours.Of(t.TimeLimit), t.TimeLimit)})"));
                // Hours and days side by side only add up on one scale; say which one was used.
                var mixed = end.Chain.Any(t => t.TimeLimit.Unit != caseLimit.Unit);
                diagnostics.Add(ErrorCodes.ExceedsCaseLimit, JsonPaths.Property(task.Path, "timeLimit"),
                    $"Task '{task.Id}' can end {OfficeHours.Format(end.Hours, caseLimit)} into the case, beyond its promised limit of {OfficeHours.Format(limit, caseLimit)}: {chain}"
                    + (mixed ? $" ({OfficeHours.Scale})." : "."));
            }

            return end;
        }
    }
}
