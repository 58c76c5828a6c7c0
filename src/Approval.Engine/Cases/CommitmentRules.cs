using Approval.Definitions.Model;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// Approval on commitment (告知承诺制): which commitments intake accepts, the approval and the
/// verification task (核查) they lead to when the item's step opens, and the verification's outcome
/// — passed, or failed and the item's result revoked (撤销) with a revocation card.
/// </summary>
/// <remarks>
/// A verification never changes the case's life: the case may be delivered while it is open (the
/// applicant holds the licence on commitment), and a revocation voids the item's result without
/// reopening or ending the case. So verification tasks are worked after delivery too
/// (<see cref="FollowUpRules"/>).
/// </remarks>
internal static class CommitmentRules
{
    /// <summary>The suffix that makes a verification task's id distinct from its item's approval task.</summary>
    private const string VerificationSuffix = "#verification";

    /// <summary>The verification of the step's <paramref name="round"/> (a send back, 退回, reopens the item and opens a new one).</summary>
    public static Guid VerificationTaskId(Guid caseId, string stepId, int round) => TaskIds.For(caseId, stepId + VerificationSuffix, round);

    /// <summary>The commitments of an intake, each checked against the definition's commitment items; problems under <c>commitments[i]</c>.</summary>
    public static List<CommitmentRecord> Check(StartCase start, DecisionContext context, IntakeProblems problems)
    {
        var accepted = new List<CommitmentRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < start.Commitments.Count; i++)
        {
            var input = start.Commitments[i];
            var path = $"commitments[{i}]";
            var step = context.Definition.FindStep(input.StepId ?? "") as TaskStepDefinition;
            if (step?.Commitment is null)
            {
                var offered = string.Join(", ", context.Definition.AllSteps().OfType<TaskStepDefinition>().Where(t => t.Commitment is not null).Select(t => t.Id));
                problems.Add(RefusalCodes.NotOnCommitment, new FieldPath($"{path}.stepId"),
                    $"'{input.StepId}' is not an item of {context.Definition.Id} that may be approved on commitment (告知承诺制; offered: {(offered.Length == 0 ? "none" : offered)}).");
                continue;
            }

            if (!seen.Add(step.Id))
            {
                problems.Add(RefusalCodes.DuplicateCommitment, new FieldPath($"{path}.stepId"), $"'{step.Id}' is committed to twice.");
                continue;
            }

            var valid = true;
            if (string.IsNullOrWhiteSpace(input.SignedBy))
            {
                problems.Add(RefusalCodes.SignerRequired, new FieldPath($"{path}.signedBy"), $"Name who signed the commitment for {step.Name} (the applicant or their agent).");
                valid = false;
            }

            if (input.SignedAt is not { } signedAt || signedAt > context.Now)
            {
                problems.Add(RefusalCodes.SignedAtInvalid, new FieldPath($"{path}.signedAt"),
                    input.SignedAt is null ? $"Give when the commitment for {step.Name} was signed." : $"The commitment for {step.Name} is dated {input.SignedAt:O}, after now.");
                valid = false;
            }

            if (valid)
            {
                accepted.Add(new CommitmentRecord(step.Id, input.SignedBy!.Trim(), input.SignedAt!.Value));
            }
        }

        return accepted;
    }

    /// <summary>The item's approval task was just opened: approve it on the commitment and open its verification.</summary>
    public static void ApproveOnCommitment(FlowAdvancer flow, CaseState state, TaskStepDefinition step, CommitmentPolicy policy, DecisionContext context)
    {
        var commitment = state.Commitments[step.Id];
        var round = state.RoundOf(step.Id);
        flow.Emit(new TaskApproved(TaskIds.For(state.CaseId, step.Id, round), "告知承诺", $"approved on the commitment signed by {commitment.SignedBy} at {commitment.SignedAt:O}", BySilence: false));
        var due = context.Calendar.Due(context.Now, policy.VerificationLimit);
        flow.Emit(new TaskOpened(VerificationTaskId(state.CaseId, step.Id, round), step.Id, step.Department, step.Role, due) { Kind = TaskKind.Verification });
    }

    /// <summary>
    /// A rejected bundle issues nothing, so there is nothing left to verify. The one place the flow
    /// cancels a verification: a join that cuts its branch leaves it open (the item is granted).
    /// </summary>
    public static void CancelVerifications(FlowAdvancer flow, CaseState state, string reason)
    {
        foreach (var task in state.Tasks.Where(t => t.Kind == TaskKind.Verification && t.Status.IsOpen()).ToList())
        {
            flow.Emit(new TaskCancelled(task.TaskId, reason));
        }
    }

    public static Decision Verify(CaseState state, CompleteVerification command, DecisionContext context)
    {
        var finding = string.IsNullOrWhiteSpace(command.Finding) ? null : command.Finding.Trim();
        if (!command.Passed && finding is null)
        {
            return Refusal.Invalid(RefusalCodes.FindingRequired, new FieldPath("finding"), "A failed verification must state its finding; it revokes the item's result (撤销).");
        }

        if (finding is { Length: > 2000 })
        {
            return Refusal.Invalid(RefusalCodes.FindingTooLong, new FieldPath("finding"), "finding is at most 2000 characters.");
        }

        return CaseDecider.OnOpenTask(state, command.TaskId, context, (task, flow) =>
        {
            if (task.Kind != TaskKind.Verification)
            {
                return Refusal.Conflict(RefusalCodes.NotVerification, "The task is not a verification (核查) of an item approved on commitment.");
            }

            if (command.Passed)
            {
                return flow.Then(new VerificationPassed(task.TaskId, finding));
            }

            // The revocation is carded like a deadline so supervision and its subscribers hear of it.
            return flow.Then(new VerificationFailed(task.TaskId, finding!))
                .Then(new ItemRevoked(task.StepId, ApprovalTaskOf(state, task), task.TaskId, finding!))
                .Then(new CardIssued(task.TaskId, CardLevel.Revocation, 0, task.Due.At, task.DueVersion, context.Now));
        });
    }

    /// <summary>
    /// The approval task a verification follows, read from the case rather than derived again: a case
    /// opened by an earlier version keeps the task ids it was given then.
    /// </summary>
    private static Guid ApprovalTaskOf(CaseState state, TaskState verification) =>
        state.Tasks.First(t => t.Kind == TaskKind.Approval && t.StepId == verification.StepId && t.Round == verification.Round).TaskId;
}
