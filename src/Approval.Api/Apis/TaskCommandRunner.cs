using Approval.Api.Problems;
using Approval.Api.Views;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Persistence.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>
/// Runs a command on a task's case for the signed-in clerk, answering with the task. The clerk is
/// the actor; when the task turns out to be claimed by a colleague, the clerk's delegations (委托)
/// are looked up and the command decided once more with them — the engine decides whether one
/// applies (<see cref="CaseAccess.DelegationFor"/>). Clerks without a delegation pay nothing for it.
/// </summary>
public static class TaskCommandRunner
{
    /// <summary>The task after <paramref name="command"/>, or the problem the engine refused it with.</summary>
    public static async Task<Results<Ok<TaskView>, ProblemHttpResult>> RunAsync(Guid taskId, CaseCommand command, CommandContext context)
    {
        if (await context.Tasks.CaseOfAsync(taskId, context.CancellationToken) is not { } caseId)
        {
            return Refusal.NotFound(RefusalCodes.TaskNotFound, $"There is no task {taskId}.").ToProblem();
        }

        var outcome = await ExecuteAsync(caseId, command, context);
        if (outcome.Refusal is { } refusal)
        {
            return refusal.ToProblem();
        }

        var state = outcome.State!;
        return TypedResults.Ok(TaskView.From(state.FindTask(taskId)!, caseId, context.Catalog.Find(state.WorkflowId, state.WorkflowVersion)));
    }

    /// <summary>Executes <paramref name="command"/> as the clerk, then, if it met a colleague's claim, as the clerk with their delegations.</summary>
    public static async Task<CommandOutcome> ExecuteAsync(Guid caseId, CaseCommand command, CommandContext context)
    {
        var actor = context.Clerk.ToActor();
        var outcome = await context.Store.ExecuteAsync(caseId, command, actor, context.CancellationToken);
        if (outcome.Refusal is not { Code: RefusalCodes.TaskClaimed } || !actor.HasRole(ClerkRoles.DepartmentClerk))
        {
            return outcome;
        }

        var delegations = await context.Delegations.HeldByAsync(actor.UserId, context.CancellationToken);
        return delegations.Count == 0
            ? outcome
            : await context.Store.ExecuteAsync(caseId, command, actor with { Delegations = delegations }, context.CancellationToken);
    }
}
