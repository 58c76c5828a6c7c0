using Approval.Definitions.Loading;
using Approval.Definitions.Model;

namespace Approval.Definitions.Validation;

/// <summary>APV060–APV065: every <c>sendBack</c> target (退回) is an earlier step on every path to its step (<see cref="SendBackRange"/>).</summary>
internal static class SendBackRule
{
    public static void Check(WorkflowDefinition definition, Diagnostics diagnostics)
    {
        foreach (var step in definition.AllSteps())
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < step.SendBack.Count; i++)
            {
                var target = step.SendBack[i];
                var path = JsonPaths.Index(JsonPaths.Property(step.Path, "sendBack"), i);
                if (!seen.Add(target))
                {
                    diagnostics.Add(ErrorCodes.SendBackDuplicate, path, $"'{target}' is already a sendBack target of '{step.Id}'.");
                    continue;
                }

                var fit = step.Id.Length == 0 ? SendBackFit.Fits : SendBackRange.Check(definition, step.Id, target);
                if (Problem(fit, step.Id, target) is { } problem)
                {
                    diagnostics.Add(problem.Code, path, problem.Message);
                }
            }
        }
    }

    private static (string Code, string Message)? Problem(SendBackFit fit, string from, string to) => fit switch
    {
        SendBackFit.UnknownTarget => (ErrorCodes.SendBackUnknownTarget, $"'{to}' is not a step of this definition; '{from}' can only send back to one of its steps."),
        SendBackFit.TargetKind => (ErrorCodes.SendBackTargetKind, $"'{to}' is an intake or delivery step; a send back reopens work steps (task, parallel, sequence, decision)."),
        SendBackFit.NotEarlier => (ErrorCodes.SendBackNotEarlier, $"'{to}' does not come before '{from}' (it is the step itself, encloses it, lies inside it, or comes after it); a send back goes to an earlier step."),
        SendBackFit.AcrossBranches => (ErrorCodes.SendBackAcrossBranches, $"'{to}' and '{from}' are in different branches of one parallel or decision block, so '{to}' is not before '{from}' on every path."),
        SendBackFit.IntoBlock => (ErrorCodes.SendBackIntoBlock, $"'{to}' lies inside an earlier parallel or decision block whose join (or choice) is already made when '{from}' runs; send back to the block itself."),
        _ => null,
    };
}
