namespace Approval.Engine.Cases.Commands;

/// <summary>Record a material promised at intake; <paramref name="Channel"/> is <c>window</c> (a visit) or <c>online</c>.</summary>
public sealed record ReceiveMaterial(string MaterialId, string Channel) : CaseCommand;

/// <summary>The applicant withdraws the case (撤回); a reason is required.</summary>
public sealed record WithdrawCase(string Reason) : CaseCommand;

/// <summary>The applicant's rating of the service (好差评) after delivery: 1–5 and an optional comment.</summary>
public sealed record RateService(int Score, string? Comment) : CaseCommand
{
    /// <summary>The department a bad rating concerns; null means the window that delivered the case.</summary>
    public string? Department { get; init; }

    /// <summary>The limit of the rectification task a bad rating opens (差评整改); 10 working days unless configured.</summary>
    public Approval.Calendar.TimeLimit RectificationLimit { get; init; } = Approval.Calendar.TimeLimit.OfWorkingDays(10);
}

/// <summary>Hand a task to another clerk of the same department (转办).</summary>
public sealed record TransferTask(Guid TaskId, string ToUserId) : CaseCommand;
