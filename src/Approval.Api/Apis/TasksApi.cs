using Approval.Api.Hosting;
using Approval.Api.Problems;
using Approval.Api.Views;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Persistence.Cases;
using Approval.Persistence.Workflows;
using Approval.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using TaskStatus = Approval.Engine.Cases.TaskStatus;

namespace Approval.Api.Apis;

/// <summary>Department tasks (待办): the inbox, and the actions a department clerk takes on a task.</summary>
public static class TasksApi
{
    private static readonly Dictionary<string, string[]> StatusFilters = new(StringComparer.OrdinalIgnoreCase)
    {
        ["open"] = [nameof(TaskStatus.Open), nameof(TaskStatus.Claimed)],
        ["unclaimed"] = [nameof(TaskStatus.Open)],
        ["claimed"] = [nameof(TaskStatus.Claimed)],
        ["closed"] = [nameof(TaskStatus.Approved), nameof(TaskStatus.Rejected), nameof(TaskStatus.Cancelled), nameof(TaskStatus.Answered)],
    };

    public static RouteGroupBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization();
        api.MapGet("/", Inbox).WithSummary("A department's inbox (待办), earliest due first, in pages of at most 500 (limit, cursor → nextCursor). Defaults to the clerk's own department.");
        api.MapGet("/{taskId:guid}", GetTask).WithSummary("One task.");
        api.MapPost("/{taskId:guid}/claim", ClaimTask).WithSummary("Take the task into one's own hands.");
        api.MapPost("/{taskId:guid}/release", ReleaseTask).WithSummary("Give a claimed task back to the department's inbox.");
        api.MapPost("/{taskId:guid}/approve", ApproveTask).WithSummary("Approve the department's item.");
        api.MapPost("/{taskId:guid}/reject", RejectTask).WithSummary("Reject the item; a reason is required. Ends the case under a join that needs it.");
        api.MapPost("/{taskId:guid}/supplement-request", ReturnForSupplement).WithSummary("Return for supplement (补正), listing everything missing at once (一次性告知); stops the clock.");
        api.MapPost("/{taskId:guid}/supplement-received", ReceiveSupplement).WithSummary("The applicant supplemented (at the window or online); the clock runs again and the due moves.");
        api.MapPost("/{taskId:guid}/suspend", SuspendTask).WithSummary("Start a special procedure (特别程序); stops the clock.");
        api.MapPost("/{taskId:guid}/resume", ResumeTask).WithSummary("End the special procedure; the clock runs again and the due moves.");
        api.MapPost("/{taskId:guid}/extend", ExtendTask).WithSummary("Supervisor: extend the task (延期) by working days, within the definition's maximum.");
        api.MapPost("/{taskId:guid}/allow-supplement-round", AllowSupplementRound).WithSummary("Supervisor: allow one more supplement round.");
        api.MapPost("/{taskId:guid}/transfer", TransferTask).WithSummary("Transfer (转办) to another clerk of the same department.");
        return api;
    }

    /// <summary>Longest inbox page; page on with <c>nextCursor</c>.</summary>
    public const int MaxInboxPage = 500;

    public static async Task<Results<Ok<Page<TaskView>>, ProblemHttpResult>> Inbox(
        Clerk clerk, TaskQueries tasks, WorkflowCatalog catalog, string? department, string? status, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        department ??= clerk.Department;
        if (department is null)
        {
            return RefusalProblems.Invalid(RefusalCodes.DepartmentRequired, new FieldPath("department"), "Name the department whose inbox to show.");
        }

        if (!CaseAccess.MayReadInbox(clerk.ToActor(), department))
        {
            return CaseAccess.InboxRefused(department).ToProblem();
        }

        status ??= "open";
        if (!StatusFilters.TryGetValue(status, out var statuses))
        {
            return RefusalProblems.Invalid(RefusalCodes.TaskStatus, new FieldPath("status"), $"status must be one of {string.Join(", ", StatusFilters.Keys)}.");
        }

        var badCursor = Paging.Cursor(cursor, "inbox", out var after);
        if ((Paging.Limit(limit, MaxInboxPage, out var take) ?? badCursor) is { } bad)
        {
            return bad;
        }

        var rows = await tasks.InboxAsync(department, statuses, take + 1, after?.At, after?.Id, cancellationToken);
        return TypedResults.Ok(Paging.Of(rows, take, "inbox", r => new PageKey(r.Task.DueAt, r.Task.Id), r => InboxView(r, catalog)));
    }

    public static async Task<Results<Ok<TaskView>, ProblemHttpResult>> GetTask(
        Guid taskId, Clerk clerk, CaseStore store, TaskQueries tasks, WorkflowCatalog catalog, CancellationToken cancellationToken)
    {
        if (await tasks.CaseOfAsync(taskId, cancellationToken) is not { } caseId || await store.LoadAsync(caseId, cancellationToken) is not { } loaded)
        {
            return TaskNotFound(taskId);
        }

        var state = loaded.State;
        var task = state.FindTask(taskId)!;
        return CaseAccess.MayReadTask(clerk.ToActor(), task.Department)
            ? TypedResults.Ok(TaskView.From(task, caseId, catalog.Find(state.WorkflowId, state.WorkflowVersion)))
            : CaseAccess.TaskRefused(task.Department).ToProblem();
    }

    // Each action's handler turns its body into the engine's command; Act runs it and answers with the task.
    // The names are the commands' names, so each endpoint's name (and OpenAPI operationId) is unique in the app.

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> ClaimTask(Guid taskId, [AsParameters] CommandContext context) =>
        Act(taskId, new ClaimTask(taskId), context);

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> ReleaseTask(Guid taskId, [AsParameters] CommandContext context) =>
        Act(taskId, new ReleaseTask(taskId), context);

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> ApproveTask(Guid taskId, ApproveRequest? request, [AsParameters] CommandContext context) =>
        Act(taskId, new ApproveTask(taskId, request?.Result, request?.Comment) { Document = request?.Document }, context);

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> RejectTask(Guid taskId, RejectRequest request, [AsParameters] CommandContext context) =>
        Act(taskId, new RejectTask(taskId, request.Reason ?? ""), context);

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> ReturnForSupplement(Guid taskId, SupplementRequest request, [AsParameters] CommandContext context) =>
        RequestShape.NullElement(request.Missing, "missing") is { } nullItem
            ? Task.FromResult<Results<Ok<TaskView>, ProblemHttpResult>>(nullItem)
            : Act(taskId, new ReturnForSupplement(taskId, request.Missing ?? [], request.Note), context);

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> ReceiveSupplement(Guid taskId, ChannelRequest request, [AsParameters] CommandContext context) =>
        Act(taskId, new ReceiveSupplement(taskId, request.Channel ?? ""), context);

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> SuspendTask(Guid taskId, SuspendRequest request, [AsParameters] CommandContext context) =>
        Act(taskId, new SuspendTask(taskId, request.Kind ?? "", request.Reason ?? ""), context);

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> ResumeTask(Guid taskId, [AsParameters] CommandContext context) =>
        Act(taskId, new ResumeTask(taskId), context);

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> ExtendTask(Guid taskId, ExtendRequest request, [AsParameters] CommandContext context) =>
        Act(taskId, new ExtendTask(taskId, request.WorkingDays ?? 0, request.Reason ?? ""), context);

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> AllowSupplementRound(Guid taskId, [AsParameters] CommandContext context) =>
        Act(taskId, new AllowSupplementRound(taskId), context);

    public static Task<Results<Ok<TaskView>, ProblemHttpResult>> TransferTask(Guid taskId, TransferRequest request, [AsParameters] CommandContext context) =>
        Act(taskId, new TransferTask(taskId, request.ToUserId ?? ""), context);

    /// <summary>
    /// Runs <paramref name="command"/> on the case holding <paramref name="taskId"/> as the clerk, and answers
    /// with the task as it is after, or the engine's refusal as problem details. Shared by every task action,
    /// including those mapped from other files.
    /// </summary>
    internal static Task<Results<Ok<TaskView>, ProblemHttpResult>> Act(Guid taskId, CaseCommand command, CommandContext context) =>
        TaskCommandRunner.RunAsync(taskId, command, context);

    private static TaskView InboxView(InboxTask row, WorkflowCatalog catalog)
    {
        var t = row.Task;
        var name = catalog.Find(row.WorkflowId, row.WorkflowVersion)?.FindStep(t.StepId)?.Name ?? t.StepId;
        return new TaskView(t.Id, t.CaseId, t.StepId, name, t.Department, TaskView.Lower(t.Status), t.ClaimedBy,
            new DateTimeOffset(t.OpenedAt), t.ClosedAt is { } closed ? new DateTimeOffset(closed) : null, new DeadlineView(new DateTimeOffset(t.DueAt), t.DueProvisional), null, null)
        {
            Kind = TaskView.Lower(t.Kind),
        };
    }

    private static ProblemHttpResult TaskNotFound(Guid taskId) => Refusal.NotFound(RefusalCodes.TaskNotFound, $"There is no task {taskId}.").ToProblem();
}
