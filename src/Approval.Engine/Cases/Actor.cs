using System.Text.Json.Serialization;
using Approval.Engine.Cases.Delegations;

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

    /// <summary>
    /// The clerk this actor stood in for under a delegation (委托): the event was done "by
    /// <see cref="UserId"/> on behalf of <see cref="OnBehalfOf"/>". Null, and not written, otherwise.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OnBehalfOf { get; init; }

    /// <summary>
    /// Delegations the API found naming this actor as the delegate; the engine decides which one, if
    /// any, applies to a task (<see cref="CaseAccess.DelegationFor"/>). Never recorded.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<Delegation> Delegations { get; init; } = [];
}
