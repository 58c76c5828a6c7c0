using Approval.Engine.Cases.Delegations;

namespace Approval.Persistence.Delegations;

/// <summary>A delegation (委托) as stored in table <c>delegations</c>; instants are UTC.</summary>
public sealed class DelegationRow
{
    public Guid Id { get; set; }
    public string Department { get; set; } = "";
    public string DelegatorId { get; set; } = "";
    public string DelegatorName { get; set; } = "";
    public string DelegateId { get; set; } = "";
    public DateTime From { get; set; }
    public DateTime To { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public Delegation ToDelegation() =>
        new(Id, Department, DelegatorId, DelegatorName, DelegateId, Utc(From), Utc(To), Reason, Utc(CreatedAt), RevokedAt is { } r ? Utc(r) : null, RevokedBy);

    public static DelegationRow Of(Delegation d) => new()
    {
        Id = d.Id,
        Department = d.Department,
        DelegatorId = d.DelegatorId,
        DelegatorName = d.DelegatorName,
        DelegateId = d.DelegateId,
        From = d.From.UtcDateTime,
        To = d.To.UtcDateTime,
        Reason = d.Reason,
        CreatedAt = d.CreatedAt.UtcDateTime,
        RevokedAt = d.RevokedAt?.UtcDateTime,
        RevokedBy = d.RevokedBy,
    };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
