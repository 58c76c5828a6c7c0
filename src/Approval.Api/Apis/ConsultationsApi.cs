using Approval.Api.Views;
using Approval.Engine.Cases.Commands;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>Consultation (征求意见 / 加签): ask other departments for their opinion on a task; they answer from their inbox.</summary>
public static class ConsultationsApi
{
    public static IEndpointRouteBuilder MapConsultations(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization();
        api.MapPost("/{taskId:guid}/consultations", Request)
            .WithSummary("Ask other departments for their opinion (征求意见) on this task: one consultation task each, in their inbox, with its own limit. The task cannot be approved or rejected until every one is answered or withdrawn. Answers with this task and its consultations' ids.");
        api.MapPost("/{taskId:guid}/answer-consultation", Answer).WithSummary("The consulted department gives its opinion; the consultation task is answered.");
        api.MapPost("/{taskId:guid}/withdraw-consultation", Withdraw).WithSummary("The asking department withdraws a consultation it no longer needs.");
        return app;
    }

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> Request(Guid taskId, ConsultationRequest request, [AsParameters] CommandContext context) =>
        RequestShape.NullElement(request.Departments, "departments") is { } nullItem
            ? Task.FromResult<Results<Ok<TaskView>, ProblemHttpResult>>(nullItem)
            : TasksApi.Act(taskId, new RequestConsultation(taskId, request.Departments ?? [], request.Question ?? "", request.WorkingDays ?? 0), context);

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> Answer(Guid taskId, OpinionRequest request, [AsParameters] CommandContext context) =>
        TasksApi.Act(taskId, new AnswerConsultation(taskId, request.Opinion ?? ""), context);

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> Withdraw(Guid taskId, WithdrawRequest request, [AsParameters] CommandContext context) =>
        TasksApi.Act(taskId, new WithdrawConsultation(taskId, request.Reason ?? ""), context);
}

/// <summary>A consultation (征求意见): the departments asked, the question, and the working days each has to answer (1–30).</summary>
public sealed record ConsultationRequest(List<string>? Departments, string? Question, int? WorkingDays);

/// <summary>A consulted department's opinion.</summary>
public sealed record OpinionRequest(string? Opinion);
