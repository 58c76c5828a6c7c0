using Approval.Api.Views;
using Approval.Engine.Cases.Commands;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>Retract (撤回): a department takes back its approval or rejection before its step's join fires.</summary>
public static class RetractApi
{
    public static IEndpointRouteBuilder MapRetract(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tasks/{taskId:guid}/retract", Retract).WithTags("Tasks").RequireAuthorization()
            .WithSummary("Take back the department's approval or rejection (撤回) while the step's join has not fired; the task reopens, claimed by the clerk, on the limit it had.");
        return app;
    }

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> Retract(Guid taskId, RetractRequest request, [AsParameters] CommandContext context) =>
        TasksApi.Act(taskId, new RetractDecision(taskId, request.Reason ?? ""), context);
}

/// <summary>A retraction (撤回) with its reason.</summary>
public sealed record RetractRequest(string? Reason);
