using Approval.Api.Problems;
using Approval.Api.Views;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>
/// Runs a command and answers as every command route does (and as <c>CommandAnswers</c> replays it):
/// a task route with that task, a case route with the case as the clerk may see it.
/// </summary>
internal static class ActOn
{
    public static async Task<Results<Ok<TaskView>, ProblemHttpResult>> OnTask(Guid taskId, CaseCommand command, CommandContext context)
    {
        if (await context.Tasks.CaseOfAsync(taskId, context.CancellationToken) is not { } caseId)
        {
            return Refusal.NotFound(RefusalCodes.TaskNotFound, $"There is no task {taskId}.").ToProblem();
        }

        var outcome = await context.Store.ExecuteAsync(caseId, command, context.Clerk.ToActor(), context.CancellationToken);
        if (outcome.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        var state = outcome.State!;
        return TypedResults.Ok(TaskView.From(state.FindTask(taskId)!, caseId, context.Catalog.Find(state.WorkflowId, state.WorkflowVersion)));
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> OnCase(Guid caseId, CaseCommand command, CommandContext context)
    {
        var outcome = await context.Store.ExecuteAsync(caseId, command, context.Clerk.ToActor(), context.CancellationToken);
        return outcome.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Ok(CaseView.From(outcome.State!, context.Catalog.Find(outcome.State!.WorkflowId, outcome.State.WorkflowVersion), CaseAccess.AfterCommand(context.Clerk.ToActor(), outcome.State)));
    }
}
