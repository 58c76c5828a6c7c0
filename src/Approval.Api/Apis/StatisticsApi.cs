using Approval.Api.Hosting;
using Approval.Persistence.Statistics;
using Approval.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>The supervisors' overview read model; the screen itself is <see cref="Screen.ScreenApi"/>.</summary>
public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/supervision/overview", Overview).WithTags("Supervision").RequireAuthorization(Policies.Supervisor)
            .WithSummary("The one-screen overview: cases by status, on-time and one-visit rates, open and overdue tasks by department, cards in the last 24 h.");
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
