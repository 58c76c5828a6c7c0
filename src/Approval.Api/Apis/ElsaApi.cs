using System.Text;
using System.Text.Json;
using Approval.Api.Hosting;
using Approval.Api.Problems;
using Approval.Definitions.Elsa;
using Approval.Definitions.Loading;
using Approval.Engine.Cases;
using Approval.Persistence;
using Approval.Persistence.Workflows;
using Approval.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Approval.Api.Apis;

/// <summary>
/// Published versions as Elsa 3 workflow definitions, and Elsa files published as definitions
/// (docs/elsa.md): the same conversions as <c>approval elsa export|import</c>, for analysts
/// who work in Elsa Studio.
/// </summary>
public static class ElsaApi
{
    public static RouteGroupBuilder MapElsaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows").WithTags("Workflows").RequireAuthorization();
        api.MapGet("/{workflowId}/versions/{version:int}/elsa", Export)
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("One published version as an Elsa 3 workflow definition (Flowchart, JavaScript conditions, designer positions) that Elsa Studio imports.");
        api.MapPost("/import/elsa", Import).RequireAuthorization(Policies.Analyst)
            .Accepts<ElsaImportRequest>("application/json")
            .WithSummary("Analyst: an Elsa 3 workflow definition, validated, then published as a new version like POST /api/workflows; every problem names the activity and its JSON path.");
        return api;
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> Export(
        string workflowId, int version, WorkflowCatalog catalog, WorkflowLibrary library, IDbContextFactory<ApprovalDbContext> dbFactory, CancellationToken cancellationToken)
    {
        if (catalog.Find(workflowId, version) is not { } published)
        {
            return Refusal.NotFound(RefusalCodes.UnknownWorkflowVersion, $"Workflow '{workflowId}' has no published version {version}.").ToProblem();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.WorkflowVersions.AsNoTracking()
            .Where(r => r.WorkflowId == workflowId && r.Version == version).Select(r => r.Definition).SingleOrDefaultAsync(cancellationToken);
        var loaded = stored is null ? null : DefinitionLoader.Load(stored, "stored", library.Departments);
        if (loaded?.Definition is null)
        {
            // The registry changed since publishing (a department was removed): say so rather than export something Studio would misread.
            return Refusal.Conflict(RefusalCodes.StoredDefinitionInvalid,
                $"Version {version} of '{workflowId}' no longer validates against the department registry: {string.Join("; ", loaded?.Errors.Select(e => e.ToString()) ?? ["not stored"])}").ToProblem();
        }

        var text = ElsaExporter.ExportText(loaded, library.Departments, new ElsaExportOptions { Version = version, CreatedAt = published.PublishedAt });
        return TypedResults.Text(text, "application/json", Encoding.UTF8);
    }

    public static async Task<Results<Created<PublishView>, Ok<PublishView>, ProblemHttpResult>> Import(
        HttpRequest request, WorkflowLibrary library, WorkflowPublisher publisher, CancellationToken cancellationToken)
    {
        // Read as text, not bound: an Elsa file carries many properties the strict binder would refuse, and the importer reports each problem by path.
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var result = ElsaImporter.Import(text, "request", library.Departments);
        if (result.Loaded?.Definition is not { } definition)
        {
            var errors = result.Problems
                .GroupBy(p => p.JsonPath, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(Describe).ToArray(), StringComparer.Ordinal);
            return Refusal.InvalidFields(RefusalCodes.ElsaInvalid, $"The Elsa workflow definition has {result.Problems.Count} problem(s); nothing was published.", errors).ToProblem();
        }

        var published = await publisher.PublishAsync(new DefinitionCandidate(definition, result.Loaded.CanonicalJson!, result.Loaded.ContentHash!, "elsa"), cancellationToken);
        var view = new PublishView(published.Workflow.Id, published.Workflow.Version, published.Created, published.Workflow.ContentHash, published.RestoredFrom, published.Latest ?? published.Workflow.Version);
        return published.Created
            ? TypedResults.Created($"/api/workflows/{view.Id}/versions", view)
            : TypedResults.Ok(view);
    }

    private static string Describe(ElsaProblem problem) =>
        problem.ActivityId is null ? $"{problem.Code}: {problem.Message}" : $"{problem.Code} (activity {problem.ActivityId}, {problem.ActivityType}): {problem.Message}";
}

/// <summary>
/// For the API description only: the body of <c>POST /api/workflows/import/elsa</c> is an Elsa 3
/// workflow-definition file as Studio exports it, read as it is (its other properties are allowed).
/// </summary>
public sealed record ElsaImportRequest(
    [property: System.Text.Json.Serialization.JsonPropertyName("$schema")] string? Schema,
    string DefinitionId,
    string Id,
    string Name,
    JsonElement Root);
