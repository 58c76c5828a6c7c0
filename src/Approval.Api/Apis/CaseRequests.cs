using System.Text.Json;

namespace Approval.Api.Apis;

/// <summary>Intake (受理): which bundle, who applies, the form data and the materials handed in or promised.</summary>
/// <param name="WorkflowId">The 一件事, e.g. <c>open-restaurant</c>.</param>
/// <param name="Version">A published version; the latest when omitted.</param>
public sealed record StartCaseRequest(
    string? WorkflowId,
    int? Version,
    ApplicantRequest? Applicant,
    Dictionary<string, JsonElement>? Data,
    List<MaterialRequest>? Materials,
    List<CommitmentRequest>? Commitments = null);

/// <summary>The applicant: <c>person</c> with an 18-digit resident ID number, or <c>organisation</c> with an 18-character unified social credit code.</summary>
public sealed record ApplicantRequest(string? Kind, string? Id, string? Name, string? Phone);

/// <summary>A material: <paramref name="Provided"/> now, or promised by a date (容缺受理, deferrable materials only).</summary>
public sealed record MaterialRequest(string? MaterialId, bool Provided, DateOnly? PromisedBy);

/// <summary>Return for supplement (补正): everything missing, listed at once (一次性告知).</summary>
public sealed record SupplementRequest(List<string>? Missing, string? Note);

/// <summary>Where a supplement or promised material arrived: <c>window</c> (a visit) or <c>online</c>.</summary>
public sealed record ChannelRequest(string? Channel);

/// <summary>A special procedure (特别程序): kind (hearing, expert-review, inspection, testing, …) and reason.</summary>
public sealed record SuspendRequest(string? Kind, string? Reason);

/// <summary>An extension (延期) by working days, with a reason.</summary>
public sealed record ExtendRequest(int? WorkingDays, string? Reason);

/// <summary>Transfer (转办) to another clerk of the same department.</summary>
public sealed record TransferRequest(string? ToUserId);

/// <summary>Withdrawal (撤回) at the applicant's request.</summary>
public sealed record WithdrawRequest(string? Reason);

/// <summary>The applicant's rating (好差评): 1–5 and an optional comment.</summary>
/// <param name="Department">The department a bad rating (差评) concerns; its rectification goes there, else to the delivering window.</param>
public sealed record RatingRequest(int? Score, string? Comment, string? Department = null);

/// <summary>Unified delivery (统一出件).</summary>
/// <param name="Method"><c>pickup</c>, <c>express</c> or <c>electronic</c>.</param>
public sealed record DeliverRequest(string? Method, string? TrackingNumber);

/// <summary>Approval of a task; <paramref name="Result"/> is what the department issued, e.g. a licence number; <paramref name="Document"/> the result document (证照), optional.</summary>
public sealed record ApproveRequest(string? Result, string? Comment, Approval.Engine.Cases.Commands.ResultDocumentInput? Document = null);

/// <summary>Rejection of a task; the reason is required.</summary>
public sealed record RejectRequest(string? Reason);
