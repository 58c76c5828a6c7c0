using Approval.Calendar;
using Approval.Definitions.Model;
using Newtonsoft.Json.Linq;

namespace Approval.Definitions.Loading;

/// <summary>Reads <c>timeLimit</c> and <c>warning</c> objects, reporting unit mistakes (APV010, APV011).</summary>
internal static class TimeLimitReader
{
    /// <summary><c>{"workingDays": n}</c> or <c>{"hours": n}</c>; null when absent or invalid (reported).</summary>
    public static TimeLimit? ReadLimit(JToken? token, string path, Diagnostics diagnostics)
    {
        var o = JsonObjectReader.Open(token, path, diagnostics, "A time limit", "workingDays", "hours");
        if (o is null)
        {
            return null;
        }

        var days = o.Integer("workingDays", 1);
        var hours = o.Integer("hours", 1);
        var given = (o.Has("workingDays") ? 1 : 0) + (o.Has("hours") ? 1 : 0);
        if (given != 1)
        {
            diagnostics.Add(ErrorCodes.TimeLimitUnits, path,
                given == 0
                    ? "A time limit needs one unit: {\"workingDays\": n} or {\"hours\": n}."
                    : "A time limit takes one unit, not both workingDays and hours.");
            return null;
        }

        return days is { } d ? TimeLimit.OfWorkingDays(d) : hours is { } h ? TimeLimit.OfHours(h) : null;
    }

    /// <summary>
    /// <c>{"yellow": {...}, "escalation": {"everyWorkingDays": n, "max": n}}</c>. Parts left out
    /// inherit from <paramref name="inherited"/>, so a task may change only its yellow threshold.
    /// </summary>
    public static WarningPolicy? ReadWarning(JToken? token, string path, WarningPolicy inherited, Diagnostics diagnostics)
    {
        var o = JsonObjectReader.Open(token, path, diagnostics, "A warning policy", "yellow", "escalation");
        if (o is null)
        {
            return null;
        }

        var policy = inherited;
        var yellow = JsonObjectReader.Open(o.Get("yellow"), o.PathOf("yellow"), diagnostics, "A yellow-card threshold", "workingDaysBefore", "hoursBefore");
        if (yellow is not null)
        {
            var days = yellow.Integer("workingDaysBefore", 1);
            var hours = yellow.Integer("hoursBefore", 1);
            var given = (yellow.Has("workingDaysBefore") ? 1 : 0) + (yellow.Has("hoursBefore") ? 1 : 0);
            if (given != 1)
            {
                diagnostics.Add(ErrorCodes.YellowUnits, yellow.Path,
                    given == 0
                        ? "A yellow-card threshold needs one unit: {\"workingDaysBefore\": n} or {\"hoursBefore\": n}."
                        : "A yellow-card threshold takes one unit, not both workingDaysBefore and hoursBefore.");
            }
            else
            {
                policy = policy with { YellowBefore = days is { } d ? TimeLimit.OfWorkingDays(d) : TimeLimit.OfHours(hours ?? 0) };
            }
        }

        var escalation = JsonObjectReader.Open(o.Get("escalation"), o.PathOf("escalation"), diagnostics, "An escalation policy", "everyWorkingDays", "max");
        if (escalation is not null)
        {
            if (escalation.Integer("everyWorkingDays", 0) is { } every)
            {
                policy = policy with { EscalateEveryWorkingDays = every };
            }

            if (escalation.Integer("max", 0) is { } max)
            {
                policy = policy with { MaxEscalations = max };
            }
        }

        return policy;
    }
}
