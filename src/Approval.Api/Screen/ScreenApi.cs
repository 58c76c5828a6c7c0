using System.Net.ServerSentEvents;
using System.Reflection;
using Approval.Api.Hosting;
using Approval.Api.Problems;
using Approval.Definitions.Diagrams;
using Approval.Definitions.Model;
using Approval.Persistence.Cases;
using Approval.Persistence.Statistics;
using Approval.Persistence.Workflows;
using Approval.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Screen;

/// <summary>
/// The one screen (一屏电子监察): the figures as JSON under <c>/api/supervision</c>, the live feed
/// (server-sent events), and the pages under <c>/dashboard</c> that show them. Supervisors only; a
/// browser without a session is sent to <c>/signin</c>.
/// </summary>
public static class ScreenApi
{
    /// <summary>How often the live feed says it is still there when nothing happens, so the page can show "last heard".</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(10);

    private static readonly Dictionary<string, Lazy<string>> Assets = new(StringComparer.Ordinal);

    public static IEndpointRouteBuilder MapScreen(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/supervision").WithTags("Supervision").RequireAuthorization(Policies.Supervisor);
        api.MapGet("/screen", Overview)
            .WithSummary("The one screen's overview: departments green/yellow/red, yellow and red tasks with working days left, today's intake and completions, 30-day rates (on time, one visit, 时限压缩率, 好差评) and trend.");
        api.MapGet("/departments/{department}", Department)
            .WithSummary("One department: its open tasks by colour, most urgent tasks, latest cards, 30-day on-time rate and trend.");
        api.MapGet("/cases/{caseId:guid}/diagram", CaseDiagram)
            .WithSummary("The case's flow diagram (SVG), each step coloured by its state.");
        api.MapGet("/workflows/{workflowId}/{version:int}", Workflow)
            .WithSummary("A published version: its steps with their departments and time limits, and its diagram (SVG).");
        api.MapGet("/live", Live)
            .WithSummary("Server-sent events: case-started, task-finished, card-issued as they commit, and a heartbeat every 10 s.");

        var pages = app.MapGroup("/dashboard").ExcludeFromDescription();
        pages.MapGet("/", () => Page("dashboard.html")).RequireAuthorization(Policies.Supervisor);
        pages.MapGet("/departments/{department}", (string department) => Page("department.html")).RequireAuthorization(Policies.Supervisor);
        pages.MapGet("/cases/{caseId:guid}", (Guid caseId) => Page("case.html")).RequireAuthorization(Policies.Supervisor);
        pages.MapGet("/workflows/{workflowId}/{version:int}", (string workflowId, int version) => Page("workflow.html")).RequireAuthorization(Policies.Supervisor);
        // Code and style hold no data: served to anyone, so the sign-in redirect is the only one a page makes.
        pages.MapGet("/screen.js", () => Asset("screen.js", "text/javascript; charset=utf-8"));
        pages.MapGet("/screen.css", () => Asset("screen.css", "text/css; charset=utf-8"));
        return app;
    }

    public static async Task<Ok<ScreenOverview>> Overview(ScreenStatistics statistics, WorkflowLibrary library, CancellationToken cancellationToken)
    {
        var overview = await statistics.OverviewAsync(cancellationToken);
        return TypedResults.Ok(overview with { Departments = [.. overview.Departments.Select(d => d with { Name = library.Departments.Find(d.Department)?.Name })] });
    }

    public static async Task<Ok<DepartmentScreen>> Department(string department, ScreenStatistics statistics, WorkflowLibrary library, CancellationToken cancellationToken)
    {
        var screen = await statistics.DepartmentAsync(department, cancellationToken);
        return TypedResults.Ok(screen with { Figures = screen.Figures with { Name = library.Departments.Find(department)?.Name } });
    }

    public static async Task<Results<ContentHttpResult, ProblemHttpResult>> CaseDiagram(
        Guid caseId, CaseStore store, WorkflowCatalog catalog, WorkflowLibrary library, CancellationToken cancellationToken)
    {
        if (await store.LoadAsync(caseId, cancellationToken) is not { } loaded)
        {
            return Engine.Cases.Refusal.NotFound(Engine.Cases.RefusalCodes.CaseNotFound, $"There is no case {caseId}.").ToProblem();
        }

        var state = loaded.State;
        if (catalog.Find(state.WorkflowId, state.WorkflowVersion) is not { } workflow)
        {
            return Engine.Cases.Refusal.NotFound(Engine.Cases.RefusalCodes.WorkflowNotLoaded, $"Case {caseId} runs on {state.WorkflowId} v{state.WorkflowVersion}, which this service has not loaded.").ToProblem();
        }

        return TypedResults.Content(SvgWriter.Write(workflow.Definition, library.Departments, StepStates.Of(state, workflow.Definition)), "image/svg+xml; charset=utf-8");
    }

    public static Results<Ok<WorkflowScreen>, ProblemHttpResult> Workflow(string workflowId, int version, WorkflowCatalog catalog, WorkflowLibrary library)
    {
        if (catalog.Find(workflowId, version) is not { } workflow)
        {
            return Engine.Cases.Refusal.NotFound(Engine.Cases.RefusalCodes.UnknownWorkflowVersion, $"There is no published version {version} of '{workflowId}'.").ToProblem();
        }

        var definition = workflow.Definition;
        var steps = new List<WorkflowStepLimit>();
        void Walk(IEnumerable<StepDefinition> items)
        {
            foreach (var step in items)
            {
                steps.Add(step is TaskStepDefinition task
                    ? new WorkflowStepLimit(step.Id, step.Name, StepTree.Kind(step), task.Department, library.Departments.Find(task.Department)?.Name, task.TimeLimit.ToString(), task.OnOverdue.ToString())
                    : new WorkflowStepLimit(step.Id, step.Name, StepTree.Kind(step), null, null, null, null));
                Walk(step.Children);
            }
        }

        Walk(definition.Steps);
        return TypedResults.Ok(new WorkflowScreen(workflow.Id, workflow.Version, workflow.Name, definition.TimeLimit?.ToString(), workflow.PublishedAt, steps,
            SvgWriter.Write(definition, library.Departments)));
    }

    public static ServerSentEventsResult<LiveChange> Live(LiveFeed feed, TimeProvider time, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(Stream(feed, cancellationToken));

    private static async IAsyncEnumerable<SseItem<LiveChange>> Stream(LiveFeed feed, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // The first event tells the page the stream is open; then changes, or a heartbeat when quiet.
        yield return new SseItem<LiveChange>(new LiveChange("hello", Guid.Empty, "", null, null, null, DateTimeOffset.UtcNow), "hello");
        var changes = feed.SubscribeAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var next = changes.MoveNextAsync().AsTask();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var winner = await Task.WhenAny(next, Task.Delay(Heartbeat, cancellationToken)).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    yield break;
                }

                if (winner != next)
                {
                    yield return new SseItem<LiveChange>(new LiveChange("heartbeat", Guid.Empty, "", null, null, null, DateTimeOffset.UtcNow), "heartbeat");
                    continue;
                }

                if (!await next.ConfigureAwait(false))
                {
                    yield break;
                }

                yield return new SseItem<LiveChange>(changes.Current, changes.Current.Kind);
                next = changes.MoveNextAsync().AsTask();
            }
        }
        finally
        {
            // The pending read ends with the request's token; only then may the subscription be disposed.
            try
            {
                await next.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            await changes.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static ContentHttpResult Page(string name) => TypedResults.Content(Read(name), "text/html; charset=utf-8");

    private static ContentHttpResult Asset(string name, string type) => TypedResults.Content(Read(name), type);

    private static string Read(string name)
    {
        Lazy<string> lazy;
        lock (Assets)
        {
            if (!Assets.TryGetValue(name, out lazy!))
            {
                lazy = new Lazy<string>(() =>
                {
                    using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Approval.Api.Dashboard.{name}")
                        ?? throw new InvalidOperationException($"The page {name} is not embedded in the build.");
                    using var reader = new StreamReader(stream);
                    return reader.ReadToEnd();
                });
                Assets[name] = lazy;
            }
        }

        return lazy.Value;
    }
}

/// <summary>A published version as the definition page shows it.</summary>
public sealed record WorkflowScreen(string Id, int Version, string Name, string? TimeLimit, DateTimeOffset PublishedAt, IReadOnlyList<WorkflowStepLimit> Steps, string DiagramSvg);

/// <summary>One step of a definition with its department and time limit (tasks only).</summary>
public sealed record WorkflowStepLimit(string Id, string Name, string Kind, string? Department, string? DepartmentName, string? TimeLimit, string? OnOverdue);
