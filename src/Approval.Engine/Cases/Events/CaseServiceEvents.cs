namespace Approval.Engine.Cases.Events;

/// <summary>A material promised at intake arrived, at the window (a visit) or online.</summary>
public sealed record MaterialReceived(string MaterialId, string Channel) : CaseEvent;

/// <summary>The applicant withdrew the case (撤回); open tasks are cancelled.</summary>
public sealed record CaseWithdrawn(string Reason) : CaseEvent;

/// <summary>The applicant rated the service (好差评), 1 (very poor) to 5 (very good).</summary>
public sealed record CaseRated(int Score, string? Comment) : CaseEvent;

/// <summary>A task was handed to another clerk of the same department (转办).</summary>
public sealed record TaskTransferred(Guid TaskId, string? FromUserId, string ToUserId) : CaseEvent;
