namespace Approval.Engine.Cases.Commands;

/// <summary>
/// Send the case back (退回) to an earlier step named in the definition's <c>sendBack</c> targets, with a
/// reason. <paramref name="TaskId"/> is the sending department's open task; null means the window
/// sends back from unified delivery (统一出件) while the case awaits it.
/// </summary>
public sealed record SendBack(Guid? TaskId, string ToStepId, string Reason) : CaseCommand;
