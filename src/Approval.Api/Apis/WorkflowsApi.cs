using Approval.Api.Hosting;
using Approval.Api.Problems;
using Approval.Engine.Cases;
using Approval.Persistence.Workflows;
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
        return api;
    }

    public static Ok<WorkflowListView> List(WorkflowCatalog catalog, WorkflowLibrary library)
    {
        var latest = catalog.All().GroupBy(w => w.Id).Select(g => g.MaxBy(w => w.Version)!).Select(WorkflowView.From).ToList();
        var skipped = library.Skipped.Select(s => new SkippedView(Path.GetFileName(s.File), [.. s.Errors.Select(e => e.ToString())])).ToList();
        return TypedResults.Ok(new WorkflowListView(latest, skipped));
    }

    public static Results<Ok<IReadOnlyList<WorkflowView>>, ProblemHttpResult> Versions(string workflowId, WorkflowCatalog catalog)
    {
        IReadOnlyList<WorkflowView> versions = [.. catalog.All().Where(w => w.Id == workflowId).Select(WorkflowView.From)];
        return versions.Count == 0
            ? Refusal.NotFound("unknown-workflow", $"No workflow '{workflowId}' is published.").ToProblem()
            : TypedResults.Ok(versions);
    }
}

public sealed record WorkflowView(string Id, int Version, string Name, string? Description, string ContentHash, DateTimeOffset PublishedAt, string? TimeLimit)
{
    public static WorkflowView From(PublishedWorkflow w) =>
        new(w.Id, w.Version, w.Name, w.Definition.Description, w.ContentHash, w.PublishedAt, w.Definition.TimeLimit?.ToString());
}

public sealed record SkippedView(string File, IReadOnlyList<string> Errors);

public sealed record WorkflowListView(IReadOnlyList<WorkflowView> Workflows, IReadOnlyList<SkippedView> Skipped);
