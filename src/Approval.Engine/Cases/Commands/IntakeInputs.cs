namespace Approval.Engine.Cases.Commands;

/// <summary>The applicant as the window clerk entered them; validated by the decider.</summary>
/// <param name="Kind"><c>person</c> (resident ID number) or <c>organisation</c> (unified social credit code).</param>
public sealed record ApplicantInput(string? Kind, string? Id, string? Name, string? Phone);

/// <summary>One material at intake: handed in now, or promised for a date (容缺受理, deferrable materials only).</summary>
public sealed record MaterialInput(string MaterialId, bool Provided, DateOnly? PromisedBy);
