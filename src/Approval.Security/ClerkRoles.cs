namespace Approval.Security;

/// <summary>
/// The role names carried in the <c>role</c> claim of a token. They are the wire values, so they
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

    /// <summary>Operator: runs the service; full use of the Hangfire dashboard at <c>/hangfire</c> (supervisors get it read-only).</summary>
    public const string Operator = "operator";

    /// <summary>Business analyst: writes and publishes workflow definitions.</summary>
    public const string Analyst = "analyst";

    /// <summary>
    /// The deadline engine acting unattended (yellow/red cards, escalation, approve-on-overdue),
    /// so that the audit trail names a machine rather than a person. Never issued to a human.
    /// </summary>
    public const string System = "system";

    /// <summary>Every role, for validating input such as <c>approval token --role</c>.</summary>
    public static IReadOnlyList<string> All { get; } = [WindowClerk, DepartmentClerk, Supervisor, Analyst, System];

    /// <summary>True when <paramref name="role"/> is one of <see cref="All"/> (ordinal, case-sensitive).</summary>
    public static bool IsKnown(string? role) => role is not null && All.Contains(role, StringComparer.Ordinal);
}
