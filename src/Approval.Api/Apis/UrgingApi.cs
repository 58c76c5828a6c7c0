using Approval.Api.Views;
using Approval.Engine.Cases.Commands;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>Urging (催办): a supervisor, or the window on the applicant's behalf, presses a department on an open task.</summary>
public static class UrgingApi
{
    public static RouteGroupBuilder MapUrging(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization();
        api.MapPost("/{taskId:guid}/urge", Urge)
            .WithSummary("Urge (催办) an open task: the department gets an `urging` alert. Once per task per working day; a supervisor may insist. Moves no deadline.");
        return api;
    }

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> Urge(Guid taskId, UrgeRequest? request, [AsParameters] CommandContext context) =>
        TaskCommandRunner.RunAsync(taskId, new UrgeTask(taskId, request?.Note, request?.Insist ?? false), context);
}

/// <summary>An urging (催办): an optional note to the department; <paramref name="Insist"/> (supervisors only) urges again the same working day.</summary>
public sealed record UrgeRequest(string? Note, bool? Insist);
