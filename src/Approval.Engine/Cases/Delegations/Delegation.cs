namespace Approval.Engine.Cases.Delegations;

/// <summary>
/// A delegation (委托): while <see cref="DelegatorId"/> is away (leave), <see cref="DelegateId"/>, a
/// colleague of the same department, works the tasks the delegator has claimed. Actions taken that
/// way are recorded "by the delegate on behalf of the delegator" (<see cref="Actor.OnBehalfOf"/>).
/// </summary>
/// <remarks>
/// It ends by itself at <see cref="To"/>: <see cref="IsActiveAt"/> is asked with the decision's
/// instant, so no job has to close it; <see cref="RevokedAt"/> ends it early. Immutable.
/// </remarks>
/// <param name="From">First instant the delegate may act (inclusive).</param>
/// <param name="To">End of the period (exclusive): from then on the delegate acts as themselves only.</param>
public sealed record Delegation(
    Guid Id,
    string Department,
    string DelegatorId,
    string DelegatorName,
    string DelegateId,
    DateTimeOffset From,
    DateTimeOffset To,
    string? Reason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt = null,
    string? RevokedBy = null)
{
    /// <summary>Whether the delegation lets its delegate act at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && From <= now && now < To;

    /// <summary>When it stops (or stopped) applying: the revocation, or the end of the period.</summary>
    public DateTimeOffset EndsAt => RevokedAt is { } revoked && revoked < To ? revoked : To;

    /// <summary>Whether the period [<paramref name="from"/>, <paramref name="to"/>) meets what is left of this one.</summary>
    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => from < EndsAt && From < to;
}
