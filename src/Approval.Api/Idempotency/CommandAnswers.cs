using Approval.Api.Apis;
using Approval.Api.Views;
using Approval.Engine.Cases;
using Approval.Persistence.Cases;
using Approval.Persistence.Idempotency;
using Approval.Persistence.Workflows;
using Approval.Security;

namespace Approval.Api.Idempotency;

/// <summary>
/// The answer a command route gives for an accepted command, rendered from the command's outcome
/// before it commits, so the case store can write it into the key's row in the command's own
/// transaction (see <see cref="IdempotentCall"/>).
/// </summary>
/// <remarks>
/// The three shapes the command routes answer with, as CasesApi and TasksApi build them: intake is
/// <c>201</c> with <c>Location</c> and the case; a command on a case is <c>200</c> with the case; a
/// command on a task is <c>200</c> with that task. The result is executed exactly as the endpoint's
/// would be (same JSON options), and the middleware checks the endpoint's own bytes against it on
/// every call, logging a warning if they ever part.
/// </remarks>
internal static class CommandAnswers
{
    private const string Cases = "/api/cases";
    private const string Tasks = "/api/tasks";

    /// <summary>A renderer for the route of <paramref name="context"/>; it answers null for a route that is not a command route.</summary>
    public static Func<CommandOutcome, ValueTask<StoredResponse?>> For(HttpContext context)
    {
        var pattern = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText?.TrimEnd('/') ?? "";
        var taskId = context.Request.RouteValues.TryGetValue("taskId", out var t) && Guid.TryParse(t?.ToString(), out var id) ? id : (Guid?)null;
        return async outcome =>
        {
            if (outcome.State is not { } state)
            {
                return null;
            }

            var catalog = context.RequestServices.GetRequiredService<WorkflowCatalog>();
            var clerk = Clerk.FromPrincipal(context.User);
            var workflow = catalog.Find(state.WorkflowId, state.WorkflowVersion);
            IResult? result = pattern switch
            {
                Cases => TypedResults.Created($"/api/cases/{state.CaseId}", CaseView.From(state, workflow, CaseAccess.ReadScope(clerk.ToActor(), state))),
                _ when pattern.StartsWith(Cases + "/{caseId", StringComparison.Ordinal) => TypedResults.Ok(CaseView.From(state, workflow, CaseAccess.AfterCommand(clerk.ToActor(), state))),
                _ when pattern.StartsWith(Tasks + "/{taskId", StringComparison.Ordinal) && taskId is { } task && state.FindTask(task) is { } found =>
                    TypedResults.Ok(TaskView.From(found, state.CaseId, workflow)),
                _ => null,
            };
            return result is null ? null : await ExecuteAsync(result, context.RequestServices);
        };
    }

    /// <summary>Runs <paramref name="result"/> against a scratch response and keeps what it wrote.</summary>
    private static async Task<StoredResponse> ExecuteAsync(IResult result, IServiceProvider services)
    {
        var scratch = new DefaultHttpContext { RequestServices = services };
        await using var body = new MemoryStream();
        scratch.Response.Body = body;
        await result.ExecuteAsync(scratch);
        var location = scratch.Response.Headers.Location.ToString();
        return new StoredResponse(scratch.Response.StatusCode, scratch.Response.ContentType, location.Length > 0 ? location : null, body.ToArray());
    }
}
