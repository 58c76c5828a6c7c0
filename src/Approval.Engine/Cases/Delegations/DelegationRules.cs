using Approval.Calendar;

namespace Approval.Engine.Cases.Delegations;

/// <summary>
/// Who may hand their work to whom, for when, and who may end it early. Pure: the caller brings
/// the instant, the calendar and the delegator's delegations already recorded.
/// </summary>
public static class DelegationRules
{
    /// <summary>Longest delegation in working days: about a year of leave; anything longer is a transfer, not a delegation.</summary>
    public const int MaxWorkingDays = 250;

    /// <summary>Longest reason a delegation keeps.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The delegation <paramref name="actor"/> asks for, or why not.</summary>
    /// <param name="existing">The delegator's delegations already recorded (any state).</param>
    public static DelegationDecision Grant(Actor actor, DelegationInput input, IEnumerable<Delegation> existing, DateTimeOffset now, WorkingCalendar calendar, Guid id)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(calendar);
        if (!actor.HasRole(ClerkRoles.DepartmentClerk) || actor.Department is not { } department)
        {
            return Refused(Refusal.Forbidden(RefusalCodes.DepartmentClerkOnly, "A delegation (委托) hands a department clerk's own work to a colleague; only department clerks have such work."));
        }

        if (string.IsNullOrWhiteSpace(input.ToUserId))
        {
            return Refused(Refusal.Invalid(RefusalCodes.ToUserRequired, new FieldPath("toUserId"), "Name the colleague who stands in (toUserId)."));
        }

        var delegateId = input.ToUserId.Trim();
        if (string.Equals(delegateId, actor.UserId, StringComparison.Ordinal))
        {
            return Refused(Refusal.Invalid(RefusalCodes.DelegationSelf, new FieldPath("toUserId"), "A clerk cannot delegate to themselves."));
        }

        if (input.ToDepartment is { } toDepartment && !string.Equals(toDepartment.Trim(), department, StringComparison.Ordinal))
        {
            return Refused(Refusal.Forbidden(RefusalCodes.OtherDepartment, $"Work of {department} is delegated within {department} only, not to {toDepartment}."));
        }

        if (input.Reason is { Length: > MaxReasonLength })
        {
            return Refused(Refusal.Invalid(RefusalCodes.CommentTooLong, new FieldPath("reason"), $"reason is at most {MaxReasonLength} characters."));
        }

        var from = input.From is { } asked && asked > now ? asked : now;
        DateTimeOffset to;
        switch (input.To, input.WorkingDays)
        {
            case (null, null):
            case ({ }, { }):
                return Refused(Refusal.Invalid(RefusalCodes.DelegationPeriod, new FieldPath("to"), "Give the end of the period as either `to` (an instant) or `workingDays`, one of the two."));
            case (null, { } days) when days is < 1 or > MaxWorkingDays:
                return Refused(Refusal.Invalid(RefusalCodes.WorkingDays, new FieldPath("workingDays"), $"A delegation lasts 1 to {MaxWorkingDays} working days."));
            case (null, { } days):
                // The legal counting rule: the start day does not count; the period ends at the close of the Nth working day after it.
                to = calendar.Due(from, TimeLimit.OfWorkingDays(days)).At;
                break;
            case ({ } end, null) when end <= now:
                return Refused(Refusal.Invalid(RefusalCodes.DelegationInPast, new FieldPath("to"), "The period ends in the past; a delegation is for time still to come."));
            case ({ } end, null) when end <= from:
                return Refused(Refusal.Invalid(RefusalCodes.DelegationPeriod, new FieldPath("to"), "The period ends before it starts (`to` is not after `from`)."));
            case ({ } end, null):
                to = end;
                break;
        }

        if (existing.FirstOrDefault(d => string.Equals(d.DelegatorId, actor.UserId, StringComparison.Ordinal) && d.RevokedAt is null && d.Overlaps(from, to)) is { } clash)
        {
            return Refused(Refusal.Conflict(RefusalCodes.DelegationOverlaps, $"Your delegation {clash.Id} to {clash.DelegateId} already covers part of this period ({clash.From:u} – {clash.To:u}); revoke it first."));
        }

        var reason = string.IsNullOrWhiteSpace(input.Reason) ? null : input.Reason.Trim();
        return new DelegationDecision(new Delegation(id, department, actor.UserId, actor.Name, delegateId, from, to, reason, now), null);
    }

    /// <summary>Ends <paramref name="delegation"/> early: by its delegator or a supervisor, while it has not ended.</summary>
    public static DelegationDecision Revoke(Actor actor, Delegation delegation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(delegation);
        if (!string.Equals(actor.UserId, delegation.DelegatorId, StringComparison.Ordinal) && !actor.HasRole(ClerkRoles.Supervisor))
        {
            return Refused(Refusal.Forbidden(RefusalCodes.DelegationNotYours, "A delegation is revoked by the clerk who gave it, or by a supervisor."));
        }

        if (delegation.RevokedAt is not null || delegation.To <= now)
        {
            return Refused(Refusal.Conflict(RefusalCodes.DelegationEnded, $"The delegation already ended at {delegation.EndsAt:u}."));
        }

        return new DelegationDecision(delegation with { RevokedAt = now, RevokedBy = actor.UserId }, null);
    }

    /// <summary>Whether <paramref name="actor"/> may read <paramref name="delegation"/>: its delegator, its delegate, or a supervisor.</summary>
    public static bool MayRead(Actor actor, Delegation delegation) =>
        string.Equals(actor.UserId, delegation.DelegatorId, StringComparison.Ordinal)
        || string.Equals(actor.UserId, delegation.DelegateId, StringComparison.Ordinal)
        || actor.HasRole(ClerkRoles.Supervisor);

    private static DelegationDecision Refused(Refusal refusal) => new(null, refusal);
}

/// <summary>What <see cref="DelegationRules"/> said: the delegation to record, or why not.</summary>
public sealed record DelegationDecision(Delegation? Delegation, Refusal? Refusal);
