using System.Text.Json;

namespace Approval.Engine.Cases.Commands;

/// <summary>Something a clerk or the deadline engine asks of a case; the decider accepts it as events or refuses it.</summary>
public abstract record CaseCommand;

/// <summary>Intake (受理): start a case with the applicant's form data.</summary>
public sealed record StartCase(
    Guid CaseId,
    IReadOnlyDictionary<string, JsonElement> Data,
    ApplicantInput? Applicant = null,
    IReadOnlyList<MaterialInput>? Materials = null) : CaseCommand
{
    /// <summary>Items the applicant commits to (告知承诺制); see <see cref="CommitmentInput"/>.</summary>
    public IReadOnlyList<CommitmentInput> Commitments { get; init; } = [];

    /// <summary>The dishonesty list's answer about the applicant, looked up by the API (失信名单).</summary>
    public CreditStanding Credit { get; init; } = CreditStanding.NotChecked;
}

/// <summary>Take a task into one's own hands.</summary>
public sealed record ClaimTask(Guid TaskId) : CaseCommand;

/// <summary>Give a claimed task back to the department's inbox.</summary>
public sealed record ReleaseTask(Guid TaskId) : CaseCommand;

/// <summary>Approve a task; <paramref name="Result"/> is what the department issued (e.g. a licence number).</summary>
public sealed record ApproveTask(Guid TaskId, string? Result, string? Comment) : CaseCommand
{
    /// <summary>The result document (证照) to record with the approval, checked first; optional.</summary>
    public ResultDocumentInput? Document { get; init; }
}

/// <summary>Refuse a task; a reason is required.</summary>
public sealed record RejectTask(Guid TaskId, string Reason) : CaseCommand;

/// <summary>Hand the results over at the window (统一出件): pickup, express (with tracking number) or electronic.</summary>
public sealed record DeliverCase(string Method, string? TrackingNumber) : CaseCommand;
