using Approval.Api.Views;
using Approval.Engine.Cases.Commands;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>Send back (退回) to an earlier step the definition allows: by a department from its task, or by the window from delivery.</summary>
public static class SendBackApi
{
    public static IEndpointRouteBuilder MapSendBack(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tasks/{taskId:guid}/send-back", FromTask).WithTags("Tasks").RequireAuthorization()
            .WithSummary("Send the case back (退回) from this task to an earlier step its definition allows (sendBack); the task and everything from the target on reopen with fresh limits. Answers with this (now cancelled) task.");
        app.MapPost("/api/cases/{caseId:guid}/send-back", FromDelivery).WithTags("Cases").RequireAuthorization()
            .WithSummary("Window: send the case back (退回) from unified delivery to an earlier step the delivery step allows (sendBack).");
        return app;
    }

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> FromTask(Guid taskId, SendBackRequest request, [AsParameters] CommandContext context) =>
        TasksApi.Act(taskId, new SendBack(taskId, request.ToStepId ?? "", request.Reason ?? ""), context);

    public static Task<Results<Ok<CaseView>, ProblemHttpResult>> FromDelivery(Guid caseId, SendBackRequest request, [AsParameters] CommandContext context) =>
        CasesApi.Act(caseId, new SendBack(null, request.ToStepId ?? "", request.Reason ?? ""), context);
}

/// <summary>A send back (退回): the earlier step to return to, one of the sending step's <c>sendBack</c> targets, and why.</summary>
public sealed record SendBackRequest(string? ToStepId, string? Reason);
