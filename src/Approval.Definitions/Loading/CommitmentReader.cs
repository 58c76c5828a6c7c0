using Approval.Definitions.Model;
using Newtonsoft.Json.Linq;

namespace Approval.Definitions.Loading;

/// <summary>Reads a task's <c>commitment</c> object (告知承诺制), reporting APV050 and APV051.</summary>
internal static class CommitmentReader
{
    /// <summary><c>{"verificationLimit": {"workingDays": n}}</c>; null when invalid (reported).</summary>
    public static CommitmentPolicy? Read(JToken? token, string path, string taskId, Diagnostics diagnostics)
    {
        var o = JsonObjectReader.Open(token, path, diagnostics, "A commitment", "verificationLimit");
        if (o is null)
        {
            return null;
        }

        if (!o.Has("verificationLimit"))
        {
            o.ReportMissing("verificationLimit", $"The commitment of task '{taskId}'", ErrorCodes.VerificationLimitMissing);
            return null;
        }

        var limitPath = o.PathOf("verificationLimit");
        var limit = TimeLimitReader.ReadLimit(o.Get("verificationLimit"), limitPath, diagnostics);
        if (limit is null)
        {
            return null;
        }

        // Verification is an inspection of the premises or the papers: it takes days, and an
        // hours limit would card it before the department could travel there.
        if (!limit.Value.IsWorkingDays || limit.Value.Amount < 1)
        {
            diagnostics.Add(ErrorCodes.VerificationLimitUnits, limitPath,
                $"The verification limit of task '{taskId}' is {limit.Value}; give at least one working day: {{\"workingDays\": n}}.");
            return null;
        }

        return new CommitmentPolicy { VerificationLimit = limit.Value };
    }
}
