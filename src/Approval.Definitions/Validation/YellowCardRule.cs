using Approval.Definitions.Loading;
using Approval.Definitions.Model;

namespace Approval.Definitions.Validation;

/// <summary>
/// APV013 (warning): a yellow card threshold beyond the task's own limit would fall the moment
/// the task opens, which trains clerks to ignore yellow cards. Typical cause: a task counted in
/// hours inheriting the one-working-day default. Equal thresholds are fine for working days (the
/// start day does not count, so "1 day before" of a 1-day task falls at the close of the start
/// day) but not for hours, which count from the opening instant.
/// </summary>
internal static class YellowCardRule
{
    public static void Check(WorkflowDefinition definition, Diagnostics diagnostics)
    {
        foreach (var task in StepWalk.All(definition.Steps).OfType<TaskStepDefinition>())
        {
            var policy = task.Warning ?? definition.Warning;
            var before = OfficeHours.Of(policy);
            var limit = OfficeHours.Of(task.TimeLimit);
            if (limit > 0 && (before > limit || (before == limit && task.TimeLimit.IsHours)))
            {
                var at = JsonPaths.Property(task.Path, task.Warning is null ? "timeLimit" : "warning");
                diagnostics.Add(ErrorCodes.YellowNotBeforeLimit, at,
                    $"Task '{task.Id}' has a limit of {OfficeHours.Format(limit, task.TimeLimit)} but its yellow card falls {OfficeHours.Format(before, task.TimeLimit)} before the deadline, i.e. as soon as it opens; "
                    + "set \"warning\": {\"yellow\": {\"hoursBefore\": n}} with a smaller n.");
            }
        }
    }
}
