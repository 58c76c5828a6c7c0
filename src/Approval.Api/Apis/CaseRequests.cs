using System.Text.Json;

namespace Approval.Api.Apis;

/// <summary>Intake (受理): which bundle, and the applicant's form data.</summary>
/// <param name="WorkflowId">The 一件事, e.g. <c>open-restaurant</c>.</param>
/// <param name="Version">A published version; the latest when omitted.</param>
public sealed record StartCaseRequest(string? WorkflowId, int? Version, Dictionary<string, JsonElement>? Data);

/// <summary>Unified delivery (统一出件).</summary>
/// <param name="Method"><c>pickup</c>, <c>express</c> or <c>electronic</c>.</param>
public sealed record DeliverRequest(string? Method, string? TrackingNumber);

/// <summary>Approval of a task; <paramref name="Result"/> is what the department issued, e.g. a licence number.</summary>
public sealed record ApproveRequest(string? Result, string? Comment);

/// <summary>Rejection of a task; the reason is required.</summary>
public sealed record RejectRequest(string? Reason);
