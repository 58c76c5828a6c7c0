using Approval.Engine.Cases;
using Microsoft.AspNetCore.Authorization;

namespace Approval.Security;

/// <summary>
/// Authorization policy names, registered by
/// <see cref="SecurityServiceCollectionExtensions.AddApprovalSecurity"/>; use them as
/// <c>.RequireAuthorization(Policies.DepartmentClerk)</c>.
/// </summary>
/// <remarks>
/// <para>Who passes (any one of the roles):</para>
/// <list type="table">
/// <listheader><term>policy</term><description>roles</description></listheader>
/// <item><term><see cref="WindowClerk"/></term><description>window-clerk, supervisor — a supervisor
/// stands in at the window when the queue is long.</description></item>
/// <item><term><see cref="DepartmentClerk"/></term><description>department-clerk, supervisor — a
/// supervisor acts on escalated tasks (督办); department scoping still applies through
/// <see cref="Clerk.CanActFor"/>.</description></item>
/// <item><term><see cref="Supervisor"/></term><description>supervisor only (escalations,
/// extensions, the supervision dashboard's actions).</description></item>
/// <item><term><see cref="Analyst"/></term><description>analyst only — publishing a definition
/// changes the rules for every new case, so supervisors do not get it by default.</description></item>
/// <item><term><see cref="Operator"/></term><description>operator only — runs the service
/// (full Hangfire dashboard, metrics); no case work.</description></item>
/// <item><term><see cref="Staff"/></term><description>any human role (window-clerk,
/// department-clerk, supervisor, analyst): read-only views such as case lookup and the dashboard.</description></item>
/// </list>
/// <para>The <c>system</c> role is in no policy: the deadline engine calls the engine directly, not the HTTP API.</para>
/// </remarks>
public static class Policies
{
    /// <summary>Intake, supplement notices, delivery: window-clerk or supervisor.</summary>
    public const string WindowClerk = "WindowClerk";

    /// <summary>Claim/approve/reject/return department tasks: department-clerk or supervisor.</summary>
    public const string DepartmentClerk = "DepartmentClerk";

    /// <summary>Supervision actions: supervisor.</summary>
    public const string Supervisor = "Supervisor";

    /// <summary>Definition publishing and validation: analyst.</summary>
    public const string Analyst = "Analyst";

    /// <summary>Running the service: operator.</summary>
    public const string Operator = "Operator";

    /// <summary>Any human staff role doing case work (not the operator).</summary>
    public const string Staff = "Staff";

    /// <summary>The roles each policy admits, as documented above.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Roles { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [WindowClerk] = [ClerkRoles.WindowClerk, ClerkRoles.Supervisor],
        [DepartmentClerk] = [ClerkRoles.DepartmentClerk, ClerkRoles.Supervisor],
        [Supervisor] = [ClerkRoles.Supervisor],
        [Analyst] = [ClerkRoles.Analyst],
        [Operator] = [ClerkRoles.Operator],
        [Staff] = [ClerkRoles.WindowClerk, ClerkRoles.DepartmentClerk, ClerkRoles.Supervisor, ClerkRoles.Analyst],
    };

    /// <summary>Adds every policy of <see cref="Roles"/> to <paramref name="builder"/>.</summary>
    public static AuthorizationBuilder AddApprovalPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (name, roles) in Roles)
        {
            builder.AddPolicy(name, policy => policy
                .AddAuthenticationSchemes(ApprovalSchemes.Default)
                .RequireAuthenticatedUser()
                .RequireRole(roles));
        }

        return builder;
    }
}
