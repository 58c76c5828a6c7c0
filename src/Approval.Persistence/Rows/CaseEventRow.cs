namespace Approval.Persistence.Rows;

/// <summary>
/// One recorded event of a case: append-only, numbered per case, and hash-chained to the one
/// before it so that a rewritten or deleted event is detected (全程留痕).
/// </summary>
public sealed class CaseEventRow
{
    public long Id { get; set; }
    public Guid CaseId { get; set; }
    public int Sequence { get; set; }
    public string Type { get; set; } = "";
    public DateTime At { get; set; }
    public string ActorId { get; set; } = "";
    public string ActorRoles { get; set; } = "";
    public string? ActorDepartment { get; set; }
    public string Payload { get; set; } = "";
    public string Hash { get; set; } = "";
}
