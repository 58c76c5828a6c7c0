namespace Approval.Engine.Cases.Commands;

/// <summary>A department takes back its own approval or rejection (撤回) while its step's join has not fired; a reason is required.</summary>
public sealed record RetractDecision(Guid TaskId, string Reason) : CaseCommand;
