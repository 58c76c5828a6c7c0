using Approval.Engine.Cases;
using Approval.Security;
using Hangfire;
using Hangfire.Dashboard;

namespace Approval.Api.Hosting;

/// <summary>
/// The Hangfire dashboard at <c>/hangfire</c>: full for the <see cref="ClerkRoles.Operator"/> role,
/// read-only for <see cref="ClerkRoles.Supervisor"/>, refused to everyone else (401 without a
/// signed-in user, 403 with one). It reads the user the ASP.NET authentication middleware put on
/// <see cref="HttpContext.User"/> (<c>UseAuthentication</c> runs first), so any sign-in scheme the
/// service accepts counts; never a token in the URL.
/// </summary>
public static class HangfireDashboard
{
    public const string Path = "/hangfire";

    /// <summary>Maps the dashboard when this process runs Hangfire (<c>Supervision:Enabled</c>); otherwise there is nothing to show.</summary>
    public static IEndpointRouteBuilder MapHangfireDashboardForOperators(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<JobStorage>() is null)
        {
            return endpoints;
        }

        endpoints.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new RoleFilter()],
            IsReadOnlyFunc = context => !context.GetHttpContext().User.IsInRole(ClerkRoles.Operator),
            DisplayStorageConnectionString = false,
            DashboardTitle = "Approval · Hangfire",
        });
        return endpoints;
    }

    /// <summary>Operators and supervisors in; anyone else out. Hangfire answers 401 or 403 itself when this says no.</summary>
    private sealed class RoleFilter : IDashboardAsyncAuthorizationFilter
    {
        public Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var user = context.GetHttpContext().User;
            return Task.FromResult(user.Identity?.IsAuthenticated == true
                && (user.IsInRole(ClerkRoles.Operator) || user.IsInRole(ClerkRoles.Supervisor)));
        }
    }
}
