namespace Approval.Engine.Cases.Events;

/// <summary>The applicant as recorded at intake (normalised identifier).</summary>
/// <param name="Kind"><c>person</c> or <c>organisation</c>.</param>
public sealed record ApplicantRecord(string Kind, string Id, string Name, string? Phone);

/// <summary>A deferrable material accepted on a promise (容缺受理); it blocks delivery until received.</summary>
public sealed record DeferredMaterial(string MaterialId, DateOnly PromisedBy);
