namespace Approval.Engine.Cases;

/// <summary>
/// Who caused an event, with roles from <see cref="ClerkRoles"/>: a clerk, supervisor or the deadline engine itself (<see cref="System"/>).
/// Recorded on every event so the audit trail (全程留痕) says who did what.
/// </summary>
public sealed record Actor(string UserId, string Name, IReadOnlyList<string> Roles, string? Department)
{
    /// <summary>The deadline engine, acting on its own (cards, approval by silence).</summary>
    public static Actor System { get; } = new("system", "电子监察", [ClerkRoles.System], null);

    public bool HasRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    public bool IsSystem => HasRole(ClerkRoles.System);
}
