namespace Approval.Definitions.Model;

/// <summary>Unified delivery (统一出件) of the results through one window; completed by the deliver command.</summary>
public sealed record DeliveryStepDefinition : StepDefinition;
