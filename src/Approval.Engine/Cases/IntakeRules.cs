using Approval.Definitions.Model;
using Approval.Engine.Applicants;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// Intake (受理) at the comprehensive window: the applicant's identity, the form data against the
/// declared fields, and the materials — required ones now, deferrable ones possibly on a promise
/// (容缺受理). Every problem is reported in one refusal (一次性告知).
/// </summary>
internal static class IntakeRules
{
    public static Decision Start(CaseState state, StartCase start, DecisionContext context)
    {
        if (state.IsStarted)
        {
            return Refusal.Conflict(RefusalCodes.CaseExists, $"Case {start.CaseId} already exists.");
        }

        if (!CaseAccess.MayStartCase(context.Actor))
        {
            return CaseAccess.StartRefused();
        }

        var problems = new IntakeProblems();
        var applicant = start.Applicant is null ? null : CheckApplicant(start.Applicant, problems);
        FormDataValidator.Collect(start.Data, context.Definition, problems);
        var (provided, deferred) = CheckMaterials(start.Materials ?? [], context, problems);
        var commitments = CommitmentRules.Check(start, context, problems);
        CreditRules.Check(start, problems);
        if (problems.Any)
        {
            return problems.ToRefusal();
        }

        var due = context.Definition.TimeLimit is { } limit ? context.Calendar.Due(context.Now, limit) : (Calendar.Deadline?)null;
        var flow = new DecisionFlow(state, context)
            .Then(new CaseStarted(start.CaseId, context.Definition.Id, context.DefinitionVersion, start.Data, due, applicant, provided, deferred));
        if (start.Credit != CreditStanding.NotChecked)
        {
            flow.Then(new CreditChecked(start.Credit.ToString().ToLowerInvariant()));
        }

        if (commitments.Count > 0)
        {
            flow.Then(new CommitmentsSigned(commitments));
        }

        return flow.Advanced();
    }

    private static ApplicantRecord? CheckApplicant(ApplicantInput input, IntakeProblems problems)
    {
        ApplicantKind? kind = input.Kind switch
        {
            "person" => ApplicantKind.Person,
            "organisation" => ApplicantKind.Organisation,
            _ => null,
        };
        if (kind is null)
        {
            problems.Add(RefusalCodes.ApplicantKind, new FieldPath("applicant.kind"), "kind must be person (resident ID number) or organisation (unified social credit code).");
            return null;
        }

        if (!Applicant.TryCreate(kind.Value, input.Id, input.Name, input.Phone, out var applicant, out var errors))
        {
            foreach (var (field, message) in errors)
            {
                problems.Add(RefusalCodes.ApplicantInvalid, new FieldPath($"applicant.{field}"), message);
            }

            return null;
        }

        return new ApplicantRecord(input.Kind!, applicant!.Id, applicant.Name, applicant.Phone);
    }

    private static (List<string> Provided, List<DeferredMaterial> Deferred) CheckMaterials(IReadOnlyList<MaterialInput> inputs, DecisionContext context, IntakeProblems problems)
    {
        var byId = context.Definition.Materials.ToDictionary(m => m.Id, StringComparer.Ordinal);
        var today = DateOnly.FromDateTime(context.Calendar.ToLocal(context.Now).DateTime);
        var provided = new List<string>();
        var deferred = new List<DeferredMaterial>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (!byId.TryGetValue(input.MaterialId ?? "", out var material))
            {
                problems.Add(RefusalCodes.UnknownMaterial, new FieldPath($"materials[{i}].materialId"), $"'{input.MaterialId}' is not a material of {context.Definition.Id} (declared: {string.Join(", ", byId.Keys)}).");
                continue;
            }

            if (!seen.Add(material.Id))
            {
                problems.Add(RefusalCodes.DuplicateMaterial, new FieldPath($"materials[{i}].materialId"), $"'{material.Id}' is listed twice.");
                continue;
            }

            if (input.Provided)
            {
                provided.Add(material.Id);
            }
            else if (input.PromisedBy is { } promise)
            {
                if (!material.Deferrable)
                {
                    problems.Add(RefusalCodes.NotDeferrable, new FieldPath($"materials[{i}].promisedBy"), $"{material.Name} ({material.Id}) cannot be promised for later (容缺); it is needed at intake.");
                }
                else if (promise < today)
                {
                    problems.Add(RefusalCodes.PromiseInPast, new FieldPath($"materials[{i}].promisedBy"), $"The promise date {promise:yyyy-MM-dd} for {material.Name} is before today ({today:yyyy-MM-dd}).");
                }
                else
                {
                    deferred.Add(new DeferredMaterial(material.Id, promise));
                }
            }
        }

        var accounted = provided.Concat(deferred.Select(d => d.MaterialId)).ToHashSet(StringComparer.Ordinal);
        var missing = context.Definition.Materials.Where(m => m.Required && !accounted.Contains(m.Id)).ToList();
        if (missing.Count > 0)
        {
            var list = string.Join("; ", missing.Select(m => m.Deferrable ? $"{m.Name} ({m.Id}, may be promised for later: 容缺)" : $"{m.Name} ({m.Id})"));
            problems.Add(RefusalCodes.MaterialsMissing, new FieldPath("materials"), $"Missing materials (一次性告知): {list}.");
        }

        return (provided, deferred);
    }
}
