using System.Reflection;
using Approval.Api.Hosting;
using Approval.Persistence.Statistics;
using Approval.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>The supervisors' one screen (一屏电子监察): the overview read model, and the page that shows it live.</summary>
public static class StatisticsApi
{
    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Approval.Api.Dashboard.dashboard.html")
            ?? throw new InvalidOperationException("The dashboard page is not embedded in the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/supervision/overview", Overview).WithTags("Supervision").RequireAuthorization(Policies.Supervisor)
            .WithSummary("The one-screen overview: cases by status, on-time and one-visit rates, open and overdue tasks by department, cards in the last 24 h.");
        // The page holds no data; it asks the overview endpoint with the supervisor's token.
        app.MapGet("/dashboard", () => Results.Content(Page.Value, "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }

    public static async Task<Ok<SupervisionOverview>> Overview(SupervisionStatistics statistics, WorkflowLibrary library, CancellationToken cancellationToken)
    {
        var overview = await statistics.OverviewAsync(cancellationToken);
        return TypedResults.Ok(overview with
        {
            Departments = [.. overview.Departments.Select(d => d with { Name = library.Departments.Find(d.Department)?.Name })],
        });
    }
}
