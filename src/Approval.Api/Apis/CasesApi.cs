using System.Text.Json;
using System.Text.Json.Nodes;
using Approval.Api.Hosting;
using Approval.Api.Problems;
using Approval.Api.Views;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Persistence.Cases;
using Approval.Persistence.Workflows;
using Approval.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>Cases (办件): intake, reading a case and its history, delivery.</summary>
public static class CasesApi
{
    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/cases").WithTags("Cases").RequireAuthorization();
        api.MapPost("/", StartCase).WithSummary("Intake (受理): start a case on the latest (or a named) published version.");
        api.MapGet("/{caseId:guid}", GetCase).WithSummary("A case with its tasks.");
        api.MapGet("/{caseId:guid}/events", GetEvents).WithSummary("The case's full history (全程留痕): who did what, when.");
        api.MapPost("/{caseId:guid}/deliver", Deliver).WithSummary("Unified delivery (统一出件) of the results.");
        api.MapPost("/{caseId:guid}/materials/{materialId}/received", ReceiveMaterial).WithSummary("A material promised at intake (容缺) arrived.");
        api.MapPost("/{caseId:guid}/withdraw", WithdrawCase).WithSummary("Withdraw the case (撤回) at the applicant's request; open tasks are cancelled.");
        api.MapPost("/{caseId:guid}/rating", RateService).WithSummary("Record the applicant's rating (好差评), 1–5, after delivery.");
        api.MapPost("/{caseId:guid}/extend", ExtendCase).WithSummary("Supervisor: extend the case's promised limit (延期) by working days.");
        return api;
    }

    public static async Task<Results<Created<CaseView>, ProblemHttpResult>> StartCase(
        StartCaseRequest request, Clerk clerk, CaseStore store, WorkflowCatalog catalog, TimeProvider time, Credit.IntakeCredit credit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.WorkflowId))
        {
            return RefusalProblems.Invalid(RefusalCodes.WorkflowRequired, new FieldPath("workflowId"), "Name the workflow (一件事) to start, e.g. open-restaurant.");
        }

        // An unknown workflow is the workflowId's fault whatever the version; a missing version of a known one is the version's.
        if (catalog.Latest(request.WorkflowId) is not { } latest)
        {
            return RefusalProblems.Invalid(RefusalCodes.UnknownWorkflow, new FieldPath("workflowId"), $"No workflow '{request.WorkflowId}' is published.");
        }

        var workflow = request.Version is { } version ? catalog.Find(request.WorkflowId, version) : latest;
        if (workflow is null)
        {
            return RefusalProblems.Invalid(RefusalCodes.UnknownVersion, new FieldPath("version"), $"'{request.WorkflowId}' has no published version {request.Version} (latest: {latest.Version}).");
        }

        // The engine's rule, asked before the body is checked so an intake by the wrong clerk is a 403 whatever it sent; the decider asks it again.
        if (!CaseAccess.MayStartCase(clerk.ToActor()))
        {
            return CaseAccess.StartRefused().ToProblem();
        }

        if (request.Applicant is null)
        {
            return RefusalProblems.Invalid(RefusalCodes.ApplicantRequired, new FieldPath("applicant"), "Record who applies: kind (person or organisation), id and name.");
        }

        if ((RequestShape.NullElement(request.Materials, "materials") ?? RequestShape.NullElement(request.Commitments, "commitments")) is { } nullElement)
        {
            return nullElement;
        }

        var applicant = new ApplicantInput(request.Applicant.Kind, request.Applicant.Id, request.Applicant.Name, request.Applicant.Phone);
        var materials = (request.Materials ?? []).Select(m => new MaterialInput(m.MaterialId ?? "", m.Provided, m.PromisedBy)).ToList();
        var command = await credit.ApplyAsync(new StartCase(Guid.CreateVersion7(time.GetUtcNow()), request.Data ?? new Dictionary<string, JsonElement>(), applicant, materials)
        {
            Commitments = [.. (request.Commitments ?? []).Select(c => new CommitmentInput(c.StepId, c.SignedBy, c.SignedAt))],
        }, cancellationToken);
        var outcome = await store.StartAsync(workflow, command, clerk.ToActor(), cancellationToken);
        return outcome.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Created($"/api/cases/{command.CaseId}", CaseView.From(outcome.State!, workflow, CaseAccess.ReadScope(clerk.ToActor(), outcome.State!)));
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> GetCase(
        Guid caseId, Clerk clerk, CaseStore store, WorkflowCatalog catalog, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadAsync(caseId, cancellationToken);
        if (loaded is null)
        {
            return CaseNotFound(caseId);
        }

        var scope = CaseAccess.ReadScope(clerk.ToActor(), loaded.State);
        return scope == CaseReadScope.None
            ? CaseAccess.CaseRefused(clerk.ToActor()).ToProblem()
            : TypedResults.Ok(CaseView.From(loaded.State, catalog.Find(loaded.State.WorkflowId, loaded.State.WorkflowVersion), scope));
    }

    public static async Task<Results<Ok<IReadOnlyList<EventView>>, ProblemHttpResult>> GetEvents(
        Guid caseId, Clerk clerk, CaseStore store, CancellationToken cancellationToken)
    {
        var loaded = await store.LoadAsync(caseId, cancellationToken);
        if (loaded is null)
        {
            return CaseNotFound(caseId);
        }

        var scope = CaseAccess.ReadScope(clerk.ToActor(), loaded.State);
        if (scope == CaseReadScope.None)
        {
            return CaseAccess.CaseRefused(clerk.ToActor()).ToProblem();
        }

        IReadOnlyList<EventView> events = [.. loaded.Rows.Select((row, i) =>
        {
            var actor = loaded.Events[i].Actor;
            var payload = JsonNode.Parse(row.Payload);
            ReadAccess.MaskPayload(payload, scope);
            // The hash is of the stored payload: a masked reader checks the chain with /audit, which the server recomputes.
            return new EventView(row.Sequence, row.Type, loaded.Events[i].At, new ActorView(actor.UserId, actor.Name, actor.Roles, actor.Department, actor.OnBehalfOf), loaded.Events[i].Command,
                JsonSerializer.SerializeToElement(payload), row.Hash);
        })];
        return TypedResults.Ok(events);
    }

    public static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Deliver(Guid caseId, DeliverRequest request, [AsParameters] CommandContext context)
    {
        if (string.IsNullOrWhiteSpace(request.Method))
        {
            return RefusalProblems.Invalid(RefusalCodes.DeliveryMethod, new FieldPath("method"), "Say how the results leave: pickup, express or electronic.");
        }

        return await Act(caseId, new DeliverCase(request.Method, request.TrackingNumber), context);
    }

    // Named as the engine's commands, so each endpoint's name (and OpenAPI operationId) is unique in the app.

    public static Task<Results<Ok<CaseView>, ProblemHttpResult>> ReceiveMaterial(Guid caseId, string materialId, ChannelRequest request, [AsParameters] CommandContext context) =>
        Act(caseId, new ReceiveMaterial(materialId, request.Channel ?? ""), context);

    public static Task<Results<Ok<CaseView>, ProblemHttpResult>> WithdrawCase(Guid caseId, WithdrawRequest request, [AsParameters] CommandContext context) =>
        Act(caseId, new WithdrawCase(request.Reason ?? ""), context);

    public static Task<Results<Ok<CaseView>, ProblemHttpResult>> RateService(Guid caseId, RatingRequest request, Microsoft.Extensions.Options.IOptions<Credit.FollowUpOptions> followUp, [AsParameters] CommandContext context) =>
        Act(caseId, FollowUpApi.Rating(request, followUp.Value), context);

    public static Task<Results<Ok<CaseView>, ProblemHttpResult>> ExtendCase(Guid caseId, ExtendRequest request, [AsParameters] CommandContext context) =>
        Act(caseId, new ExtendCase(request.WorkingDays ?? 0, request.Reason ?? ""), context);

    /// <summary>
    /// Runs <paramref name="command"/> on the case as the clerk, and answers with the case as the clerk may
    /// see it after, or the engine's refusal as problem details. Shared by every case action, including
    /// those mapped from other files.
    /// </summary>
    internal static async Task<Results<Ok<CaseView>, ProblemHttpResult>> Act(Guid caseId, CaseCommand command, CommandContext context)
    {
        var outcome = await context.Store.ExecuteAsync(caseId, command, context.Clerk.ToActor(), context.CancellationToken);
        return outcome.Refusal is { } refusal
            ? refusal.ToProblem()
            : TypedResults.Ok(CaseView.From(outcome.State!, context.Catalog.Find(outcome.State!.WorkflowId, outcome.State.WorkflowVersion), CaseAccess.AfterCommand(context.Clerk.ToActor(), outcome.State)));
    }

    private static ProblemHttpResult CaseNotFound(Guid caseId) =>
        Engine.Cases.Refusal.NotFound(RefusalCodes.CaseNotFound, $"There is no case {caseId}.").ToProblem();
}
