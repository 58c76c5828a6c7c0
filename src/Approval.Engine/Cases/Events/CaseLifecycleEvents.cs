using System.Text.Json;
using Approval.Calendar;

namespace Approval.Engine.Cases.Events;

/// <summary>Intake (受理) accepted the case on a published definition version.</summary>
/// <param name="Due">The case's promised limit (承诺时限) as an instant; null when the bundle promises none.</param>
public sealed record CaseStarted(
    Guid CaseId,
    string WorkflowId,
    int WorkflowVersion,
    IReadOnlyDictionary<string, JsonElement> Data,
    Deadline? Due,
    ApplicantRecord? Applicant = null,
    IReadOnlyList<string>? MaterialsProvided = null,
    IReadOnlyList<DeferredMaterial>? MaterialsDeferred = null) : CaseEvent;

/// <summary>The last step completed: the case is finished.</summary>
public sealed record CaseCompleted : CaseEvent;

/// <summary>A required approval was refused; the case ends without a permit.</summary>
public sealed record CaseRejected(string StepId, string Reason) : CaseEvent;

/// <summary>Every approval is in and the results wait at the window (统一出件).</summary>
public sealed record DeliveryReady(string StepId) : CaseEvent;

/// <summary>The results left through the window.</summary>
/// <param name="Method">pickup, express or electronic.</param>
public sealed record CaseDelivered(string StepId, string Method, string? TrackingNumber) : CaseEvent
{
    /// <summary>
    /// The result documents electronic delivery carried (every one of the case's); null, and not
    /// written, for pickup and express, and in events stored before result documents existed.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<CaseDocument>? Documents { get; init; }
}
