namespace Approval.Engine.Cases.Events;

/// <summary>
/// The result document (证照 / 批文) an approval issued: its number, name, validity and, for an
/// electronic licence, a reference to the file. Recorded on <see cref="TaskApproved"/>; delivery
/// lists every one of the case's.
/// </summary>
/// <param name="Number">The document's number as printed on it, e.g. <c>JY13501000000001</c>.</param>
/// <param name="ValidFrom">First day of validity (the service centre's local date).</param>
/// <param name="ValidTo">Last day of validity; null for a document valid without end (长期).</param>
/// <param name="FileReference">Where the electronic document lives (an e-licence library id or URI); null for paper only.</param>
public sealed record ResultDocument(string Number, string Name, DateOnly ValidFrom, DateOnly? ValidTo, string? FileReference);

/// <summary>One document of a case with the task and step that issued it, as delivery lists them.</summary>
public sealed record CaseDocument(Guid TaskId, string StepId, string Department, ResultDocument Document);
