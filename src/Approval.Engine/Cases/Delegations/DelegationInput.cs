namespace Approval.Engine.Cases.Delegations;

/// <summary>
/// A clerk's request to hand their work to a colleague for a period: until <paramref name="To"/>, or
/// for <paramref name="WorkingDays"/> working days after <paramref name="From"/> (one of the two).
/// </summary>
/// <param name="ToUserId">The colleague who stands in (the delegate).</param>
/// <param name="ToDepartment">The delegate's department; the delegator's own when omitted. It must be the same.</param>
/// <param name="From">When the delegation starts; now when omitted (an instant already past starts now).</param>
public sealed record DelegationInput(string? ToUserId, string? ToDepartment, DateTimeOffset? From, DateTimeOffset? To, int? WorkingDays, string? Reason);
