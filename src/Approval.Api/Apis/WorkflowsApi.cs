using System.Text.Json;
using Approval.Api.Hosting;
using Approval.Definitions.Loading;
using Approval.Api.Problems;
using Approval.Engine.Cases;
using Approval.Persistence.Workflows;
using Approval.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>Workflow definitions (一件事) and their published versions.</summary>
public static class WorkflowsApi
{
    public static RouteGroupBuilder MapWorkflowsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows").WithTags("Workflows").RequireAuthorization();
        api.MapGet("/", List).WithSummary("Every workflow with its latest version, and the files skipped at start-up.");
        api.MapGet("/{workflowId}/versions", Versions).WithSummary("Every published version of one workflow.");
        api.MapPost("/", Publish).RequireAuthorization(Policies.Analyst)
            .WithSummary("Analyst: publish a definition as a new immutable version; identical content makes no new version. Running cases stay on their version.");
        return api;
    }

    public static Ok<WorkflowListView> List(WorkflowCatalog catalog, WorkflowLibrary library)
    {
        var latest = catalog.All().GroupBy(w => w.Id).Select(g => g.MaxBy(w => w.Version)!).Select(WorkflowView.From).ToList();
        var skipped = library.Skipped.Select(s => new SkippedView(Path.GetFileName(s.File), [.. s.Errors.Select(e => e.ToString())])).ToList();
        return TypedResults.Ok(new WorkflowListView(latest, skipped));
    }

    public static async Task<Results<Created<PublishView>, Ok<PublishView>, ProblemHttpResult>> Publish(
        PublishRequest request, WorkflowLibrary library, WorkflowPublisher publisher, CancellationToken cancellationToken)
    {
        if (request.Definition is not { } definition || definition.ValueKind != JsonValueKind.Object)
        {
            return RefusalProblems.Invalid(RefusalCodes.DefinitionRequired, new FieldPath("definition"), "Send the definition as a JSON object under 'definition'.");
        }

        // Not a file: the loader's file-name rule (APV031) does not apply to a definition sent over HTTP.
        var result = DefinitionLoader.Load(definition.GetRawText(), "request", library.Departments);
        if (result.Definition is null)
        {
            var errors = result.Errors
                .GroupBy(e => "definition" + e.JsonPath.TrimStart('$'))
                .ToDictionary(g => g.Key, g => g.Select(e => $"{e.Code}: {e.Message}").ToArray(), StringComparer.Ordinal);
            return Refusal.InvalidFields(RefusalCodes.DefinitionInvalid, $"The definition has {result.Errors.Count} error(s); nothing was published.", errors).ToProblem();
        }

        var published = await publisher.PublishAsync(new DefinitionCandidate(result.Definition, result.CanonicalJson!, result.ContentHash!, "api"), cancellationToken);
        var view = new PublishView(published.Workflow.Id, published.Workflow.Version, published.Created, published.Workflow.ContentHash, published.RestoredFrom, published.Latest ?? published.Workflow.Version);
        return published.Created
            ? TypedResults.Created($"/api/workflows/{view.Id}/versions", view)
            : TypedResults.Ok(view);
    }

    public static Results<Ok<IReadOnlyList<WorkflowView>>, ProblemHttpResult> Versions(string workflowId, WorkflowCatalog catalog)
    {
        IReadOnlyList<WorkflowView> versions = [.. catalog.All().Where(w => w.Id == workflowId).Select(WorkflowView.From)];
        return versions.Count == 0
            ? Refusal.NotFound(RefusalCodes.UnknownWorkflow, $"No workflow '{workflowId}' is published.").ToProblem()
            : TypedResults.Ok(versions);
    }
}

public sealed record WorkflowView(string Id, int Version, string Name, string? Description, string ContentHash, DateTimeOffset PublishedAt, string? TimeLimit)
{
    public static WorkflowView From(PublishedWorkflow w) =>
        new(w.Id, w.Version, w.Name, w.Definition.Description, w.ContentHash, w.PublishedAt, w.Definition.TimeLimit?.ToString());
}

/// <summary>A definition to publish, as the JSON object an analyst edits.</summary>
public sealed record PublishRequest(JsonElement? Definition);

/// <summary>
/// Where a publish landed. <paramref name="Created"/> is false when the content is already the latest
/// version. Publishing the content of an older version is a rollback: a new version (201) with
/// <paramref name="RestoredFrom"/> naming the version whose content it brings back.
/// <paramref name="Latest"/> is the workflow's latest version now, which new cases start on.
/// </summary>
public sealed record PublishView(string Id, int Version, bool Created, string ContentHash, int? RestoredFrom = null, int? Latest = null);

public sealed record SkippedView(string File, IReadOnlyList<string> Errors);

public sealed record WorkflowListView(IReadOnlyList<WorkflowView> Workflows, IReadOnlyList<SkippedView> Skipped);
