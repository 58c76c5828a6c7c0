namespace Approval.Engine.Cases;

/// <summary>
/// The one role vocabulary: the names carried in the <c>role</c> claim of a token, which security
/// maps onto an <see cref="Actor"/> and the engine's rules read. They are the wire values, so they
/// never change once tokens have been issued with them.
/// </summary>
public static class ClerkRoles
{
    /// <summary>Comprehensive window clerk (综合窗口): intake, supplements, delivery.</summary>
    public const string WindowClerk = "window-clerk";

    /// <summary>Department clerk: claims and decides the tasks of their own department.</summary>
    public const string DepartmentClerk = "department-clerk";

    /// <summary>Supervisor (督办): receives escalations, may stand in for clerks.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Business analyst: writes and publishes workflow definitions.</summary>
    public const string Analyst = "analyst";

    /// <summary>Operator: runs the service (full Hangfire dashboard, metrics); no case work.</summary>
    public const string Operator = "operator";

    /// <summary>
    /// The deadline engine acting unattended (yellow/red cards, escalation, approve-on-overdue),
    /// so that the audit trail names a machine rather than a person. It exists only inside the
    /// service: <c>approval token</c> refuses to mint it and the API refuses any token or cookie
    /// carrying it (Approval.Security's <c>TokenRules</c>). <see cref="Actor.System"/> holds it.
    /// </summary>
    public const string System = "system";

    /// <summary>Every role name the service knows, including <see cref="System"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [WindowClerk, DepartmentClerk, Supervisor, Analyst, Operator, System];

    /// <summary>The roles a person (a token, a sign-in) may hold: <see cref="All"/> without <see cref="System"/>.</summary>
    public static IReadOnlyList<string> Assignable { get; } = [WindowClerk, DepartmentClerk, Supervisor, Analyst, Operator];

    /// <summary>True when <paramref name="role"/> is one of <see cref="All"/> (ordinal, case-sensitive).</summary>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);

    /// <summary>True when <paramref name="role"/> is one of <see cref="Assignable"/> (ordinal, case-sensitive).</summary>
    public static bool IsAssignable(string? role) => role is not null && Assignable.Contains(role, StringComparer.Ordinal);
}
