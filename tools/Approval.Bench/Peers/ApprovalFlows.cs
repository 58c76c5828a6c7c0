using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace Approval.Bench.Peers;

/// <summary>The data each WorkflowCore instance carries: its case key (for event keys) and what the steps recorded.</summary>
public sealed class PeerCaseData
{
    public string CaseKey { get; set; } = "";

    public int Approvals { get; set; }

    public bool Delivered { get; set; }
}

/// <summary>
/// Our flow in WorkflowCore: intake, five department approvals each waiting for an external
/// <c>approve</c> event keyed <c>{case}/{department}</c>, then delivery. The approvals run one after
/// another (WorkflowCore's fluent API has no keyed parallel wait without a Parallel container;
/// sequential waits are what its docs show), so each case is seven hops through its queues.
/// </summary>
public sealed class EventApprovalFlow : IWorkflow<PeerCaseData>
{
    public const string EventName = "approve";

    public string Id => "approval-events";

    public int Version => 1;

    public static string EventKey(string caseKey, int department) => $"{caseKey}/{department}";

    public void Build(IWorkflowBuilder<PeerCaseData> builder)
    {
        var step = builder.StartWith<IntakeStep>()
            .WaitFor(EventName, data => EventKey(data.CaseKey, 1)).Then<ApproveStep>();
        for (var department = 2; department <= ApprovalFlows.Departments; department++)
        {
            var d = department;
            step = step.WaitFor(EventName, data => EventKey(data.CaseKey, d)).Then<ApproveStep>();
        }

        step.Then<DeliverStep>();
    }
}

/// <summary>The same seven steps as plain <see cref="StepBody"/>s returning <see cref="ExecutionResult.Next"/>: no waits, no events.</summary>
public sealed class PlainApprovalFlow : IWorkflow<PeerCaseData>
{
    public string Id => "approval-plain";

    public int Version => 1;

    public void Build(IWorkflowBuilder<PeerCaseData> builder)
    {
        var step = builder.StartWith<IntakeStep>().Then<ApproveStep>();
        for (var department = 2; department <= ApprovalFlows.Departments; department++)
        {
            step = step.Then<ApproveStep>();
        }

        step.Then<DeliverStep>();
    }
}

internal static class ApprovalFlows
{
    /// <summary>As many approvals as our bench definition opens at intake.</summary>
    public const int Departments = 5;
}

public sealed class IntakeStep : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context) => ExecutionResult.Next();
}

/// <summary>Records one approval on the case data, as our ApproveTask records a task's decision.</summary>
public sealed class ApproveStep : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context)
    {
        ((PeerCaseData)context.Workflow.Data).Approvals++;
        return ExecutionResult.Next();
    }
}

/// <summary>Delivery: only a case with all its approvals is delivered, so a skipped step shows as an error.</summary>
public sealed class DeliverStep : StepBody
{
    public override ExecutionResult Run(IStepExecutionContext context)
    {
        var data = (PeerCaseData)context.Workflow.Data;
        data.Delivered = data.Approvals == ApprovalFlows.Departments;
        return ExecutionResult.Next();
    }
}
