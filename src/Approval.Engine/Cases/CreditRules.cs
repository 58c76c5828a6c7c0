using Approval.Engine.Cases.Commands;

namespace Approval.Engine.Cases;

/// <summary>
/// Credit (信用) at intake: an applicant on the dishonesty list (失信名单) may neither promise
/// materials for later (容缺受理) nor be approved on commitment (告知承诺制). The API looks the
/// applicant up and passes <see cref="StartCase.Credit"/>; the engine only applies the rule.
/// </summary>
/// <remarks>
/// When the lookup failed (<see cref="CreditStanding.Unknown"/>) commitment is refused — fail
/// closed, since a licence would leave the centre on trust alone — while deferral is allowed —
/// fail open, since delivery waits for the promised materials anyway (docs/operations.md).
/// </remarks>
internal static class CreditRules
{
    public static void Check(StartCase start, IntakeProblems problems)
    {
        if (start.Credit == CreditStanding.Listed)
        {
            var materials = start.Materials ?? [];
            for (var i = 0; i < materials.Count; i++)
            {
                if (!materials[i].Provided && materials[i].PromisedBy is not null)
                {
                    problems.Add(RefusalCodes.DishonestDeferral, new FieldPath($"materials[{i}].promisedBy"),
                        $"The applicant is on the dishonesty list (失信名单): rule {RefusalCodes.DishonestDeferral} allows no materials promised for later (容缺受理); '{materials[i].MaterialId}' is needed now.");
                }
            }
        }

        for (var i = 0; i < start.Commitments.Count; i++)
        {
            var step = start.Commitments[i].StepId;
            switch (start.Credit)
            {
                case CreditStanding.Listed:
                    problems.Add(RefusalCodes.DishonestCommitment, new FieldPath($"commitments[{i}]"),
                        $"The applicant is on the dishonesty list (失信名单): rule {RefusalCodes.DishonestCommitment} allows no approval on commitment (告知承诺制) for '{step}'; it is approved on the full review.");
                    break;
                case CreditStanding.Unknown:
                    problems.Add(RefusalCodes.CreditUnavailable, new FieldPath($"commitments[{i}]"),
                        $"The dishonesty list (失信名单) could not be consulted: rule {RefusalCodes.CreditUnavailable} allows no approval on commitment (告知承诺制) for '{step}' until it answers; retry, or accept the item for the full review.");
                    break;
            }
        }
    }
}
