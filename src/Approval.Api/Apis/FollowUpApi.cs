using Approval.Api.Credit;
using Approval.Api.Problems;
using Approval.Api.Views;
using Approval.Calendar;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>
/// The follow-up tasks of issue 15: a verification's outcome (核查) for an item approved on
/// commitment, and the applicant's follow-up (回访) that closes a bad rating's rectification
/// (差评整改). Both work on ended cases too: a case may be delivered before its verification.
/// </summary>
public static class FollowUpApi
{
    /// <summary>Maps the follow-up actions onto the tasks group (<c>/api/tasks</c>).</summary>
    public static RouteGroupBuilder MapFollowUps(this RouteGroupBuilder tasks)
    {
        tasks.MapPost("/{taskId:guid}/verification", Verify)
            .WithSummary("Record a verification (核查) of an item approved on commitment: passed, or failed with its finding, which revokes the item's result (撤销) and issues a revocation card. Allowed after delivery.");
        tasks.MapPost("/{taskId:guid}/follow-up", FollowUp)
            .WithSummary("Window or supervisor: record the applicant's follow-up (回访), closing the rectification task of a bad rating (差评整改). Allowed after delivery.");
        return tasks;
    }

    public static async Task<Results<Ok<TaskView>, ProblemHttpResult>> Verify(Guid taskId, VerificationRequest request, [AsParameters] CommandContext context)
    {
        if (request.Passed is not { } passed)
        {
            return RefusalProblems.Invalid(RefusalCodes.PassedRequired, new FieldPath("passed"), "Say whether the verification passed: \"passed\": true or false.");
        }

        return await TasksApi.Act(taskId, new CompleteVerification(taskId, passed, request.Finding), context);
    }

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> FollowUp(Guid taskId, FollowUpRequest request, [AsParameters] CommandContext context) =>
        TasksApi.Act(taskId, new RecordFollowUp(taskId, request.Outcome, request.Note), context);

    /// <summary>The rating command, with the configured rectification limit a bad rating's task gets.</summary>
    public static RateService Rating(RatingRequest request, FollowUpOptions options) => new(request.Score ?? 0, request.Comment)
    {
        Department = string.IsNullOrWhiteSpace(request.Department) ? null : request.Department.Trim(),
        RectificationLimit = TimeLimit.OfWorkingDays(options.RectificationWorkingDays),
    };
}
