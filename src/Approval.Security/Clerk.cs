using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Security.Claims;
using Approval.Engine.Cases;
using Microsoft.AspNetCore.Http;

namespace Approval.Security;

/// <summary>
/// The person (or the deadline engine) behind a request: user id, display name, roles and
/// department, as read from the authenticated <see cref="ClaimsPrincipal"/>.
/// </summary>
/// <remarks>
/// <para>
/// Minimal API handlers can take a <see cref="Clerk"/> parameter directly (see
/// <see cref="BindAsync"/>); on an endpoint that requires authorization it is always present.
/// </para>
/// <para>
/// Department scoping — "a clerk acts only on tasks of their own department" — is the API's job
/// because only it knows the task's department; it asks <see cref="CanActFor"/>.
/// </para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
public sealed class Clerk
{
    /// <summary>The identity under which the deadline engine's own actions are recorded.</summary>
    public static Clerk System { get; } = new("system", "Deadline engine", [ClerkRoles.System], department: null);

    /// <summary>Creates a clerk.</summary>
    /// <exception cref="ArgumentException">Blank user id or department, or no roles.</exception>
    public Clerk(string userId, string? displayName, IEnumerable<string> roles, string? department)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentNullException.ThrowIfNull(roles);
        if (department is not null && string.IsNullOrWhiteSpace(department))
        {
            throw new ArgumentException("A department id must not be blank; use null for none.", nameof(department));
        }

        UserId = userId;
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? userId : displayName;
        Roles = roles.Where(r => !string.IsNullOrWhiteSpace(r)).Distinct(StringComparer.Ordinal).ToArray();
        Department = department;
    }

    /// <summary>Stable user id (<c>sub</c> claim); what the audit trail records.</summary>
    public string UserId { get; }

    /// <summary>Display name (<c>name</c> claim), or the user id when the token has none.</summary>
    public string DisplayName { get; }

    /// <summary>Roles, distinct, in token order; may include roles this API does not know.</summary>
    public IReadOnlyList<string> Roles { get; }

    /// <summary>Department id (<c>department</c> claim), or null for centre-wide staff.</summary>
    public string? Department { get; }

    /// <summary>True when the clerk holds <paramref name="role"/> (ordinal).</summary>
    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <summary>The authenticated clerk as the actor the engine records on every event and whose rights it decides (<see cref="CaseAccess"/>).</summary>
    public Actor ToActor() => new(UserId, DisplayName, Roles, Department);

    /// <summary>
    /// Whether this clerk may act on a task of <paramref name="department"/>:
    /// <list type="bullet">
    /// <item>anyone whose <see cref="Department"/> equals it (ordinal) — the normal case;</item>
    /// <item>a <see cref="ClerkRoles.Supervisor"/> without a department (centre-wide supervision,
    /// who must be able to act on an escalated task of any department);</item>
    /// <item><see cref="ClerkRoles.System"/> (approve-on-overdue acts on every department).</item>
    /// </list>
    /// Roles are not checked here beyond that: pair it with the endpoint's policy. The rule is the engine's (<see cref="CaseAccess.ActsFor"/>).
    /// </summary>
    public bool CanActFor(string department)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(department);
        return CaseAccess.ActsFor(ToActor(), department);
    }

    /// <summary>
    /// Reads the clerk from an authenticated principal (claims <c>sub</c>, <c>name</c>,
    /// <c>role</c>, <c>department</c>). Fails when the principal is not authenticated or has no
    /// <c>sub</c>.
    /// </summary>
    public static bool TryFromPrincipal(ClaimsPrincipal? principal, [NotNullWhen(true)] out Clerk? clerk)
    {
        clerk = null;
        if (principal?.Identity is not { IsAuthenticated: true })
        {
            return false;
        }

        var userId = principal.FindFirst(ClerkClaimTypes.Subject)?.Value;
        if (string.IsNullOrWhiteSpace(userId))
        {
            return false;
        }

        var department = principal.FindFirst(ClerkClaimTypes.Department)?.Value;
        clerk = new Clerk(
            userId,
            principal.FindFirst(ClerkClaimTypes.Name)?.Value,
            principal.FindAll(ClerkClaimTypes.Role).Select(c => c.Value),
            string.IsNullOrWhiteSpace(department) ? null : department);
        return true;
    }

    /// <summary>As <see cref="TryFromPrincipal"/>, throwing when there is no clerk.</summary>
    /// <exception cref="InvalidOperationException">Not authenticated, or no <c>sub</c> claim.</exception>
    public static Clerk FromPrincipal(ClaimsPrincipal? principal) =>
        TryFromPrincipal(principal, out var clerk)
            ? clerk
            : throw new InvalidOperationException("The request is not authenticated as a clerk (no authenticated identity with a 'sub' claim).");

    /// <summary>
    /// Minimal API binding: a handler parameter of type <see cref="Clerk"/> receives the current
    /// clerk; when there is none the framework answers 400, which on an endpoint without
    /// <c>RequireAuthorization</c> points at the missing policy.
    /// </summary>
    public static ValueTask<Clerk?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(TryFromPrincipal(context.User, out var clerk) ? clerk : null);
    }

    /// <summary>User id, department and roles, for logs.</summary>
    public override string ToString() =>
        $"{UserId} ({string.Join(',', Roles)}{(Department is null ? string.Empty : "@" + Department)})";
}
