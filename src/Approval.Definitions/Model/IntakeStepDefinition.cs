namespace Approval.Definitions.Model;

/// <summary>Intake (受理) at the comprehensive window (综合窗口): completed by the command that starts the case.</summary>
public sealed record IntakeStepDefinition : StepDefinition;
