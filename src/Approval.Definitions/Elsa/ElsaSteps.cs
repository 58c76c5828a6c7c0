using System.Text;
using Newtonsoft.Json.Linq;
using static Approval.Definitions.Elsa.ElsaFormat;

namespace Approval.Definitions.Elsa;

/// <summary>
/// Builds the step JSON of the definition language from Elsa activities: what Elsa expresses
/// natively (id, display text, description, department, join mode, conditions) from the activity,
/// the rest from its <see cref="CustomKey"/> custom properties. Native values win where both say
/// something, so an edit made in Studio is what gets imported.
/// </summary>
internal static class ElsaSteps
{
    private static readonly string[] Native = ["type", "id", "name", "description", "when"];

    public static JObject Task(ElsaActivity activity, JObject? timerLimit, ElsaProblemList problems)
    {
        var custom = Custom(activity, problems);
        var taskName = activity.Type == RunTask ? activity.Input("taskName") : null;
        var type = (string?)custom["type"] ?? (taskName == IntakeTaskName ? "intake" : taskName == DeliveryTaskName ? "delivery" : "task");
        var step = Step(type, activity);
        if (type != "task")
        {
            return Rest(step, custom, "department", "timeLimit");
        }

        var department = activity.Type == RunTask
            ? (activity.ExpressionType("taskName") is null or Literal ? taskName : null)
            : FirstGroup(activity);
        if (string.IsNullOrEmpty(department))
        {
            problems.Add(ElsaProblemCodes.NoDepartment, activity, activity.Type == RunTask
                ? "A RunTask is a department's task: set 'taskName' to the department id (a Literal, e.g. market-regulation)."
                : "A UserTask is a department's task: put the department id first in 'candidateGroups'.");
        }

        step["department"] = department ?? "";
        if ((timerLimit ?? custom["timeLimit"]) is { } limit)
        {
            step["timeLimit"] = limit.DeepClone();
        }
        else
        {
            problems.Add(ElsaProblemCodes.NoTimeLimit, activity,
                $"Task '{activity.Id}' has no time limit: race it against a Delay into a FlowJoin in WaitAny mode (whole days are working days), or set timeLimit under customProperties '{CustomKey}'.");
        }

        return Rest(step, custom, "department", "timeLimit");
    }

    public static JObject Sequence(ElsaActivity activity, List<JObject> steps, ElsaProblemList problems)
    {
        var custom = Custom(activity, problems);
        var step = Rest(Step("sequence", activity), custom, "steps");
        step["steps"] = new JArray(steps);
        return step;
    }

    /// <summary>Several activities in a row on one fork branch: a sequence named by the branch.</summary>
    public static JObject ChainSequence(ElsaActivity owner, string port, List<JObject> steps)
    {
        var step = new JObject { ["type"] = "sequence", ["id"] = Slug($"{owner.Id}-{port}"), ["name"] = port, ["steps"] = new JArray(steps) };
        step.AddAnnotation(new ElsaFlowReader.Origin(owner));
        return step;
    }

    public static JObject Parallel(ElsaActivity? fork, ElsaActivity owner, ElsaActivity? join, List<JObject> branches, ElsaProblemList problems)
    {
        var custom = fork is null ? [] : Custom(fork, problems);
        JObject step;
        if (fork is null)
        {
            step = new JObject { ["type"] = "parallel", ["id"] = Slug($"{owner.Id}-parallel"), ["name"] = "并联审批" };
            step.AddAnnotation(new ElsaFlowReader.Origin(owner));
        }
        else
        {
            step = Step("parallel", fork);
        }

        step["join"] = join is null ? "all" : Join(join, custom["join"], problems);
        Rest(step, custom, "join", "branches");
        step["branches"] = new JArray(branches);
        return step;
    }

    public static JObject StructuredParallel(ElsaActivity fork, string mode, List<JObject> branches, ElsaProblemList problems)
    {
        var custom = Custom(fork, problems);
        var step = Step("parallel", fork);
        step["join"] = mode switch
        {
            WaitAny => "any",
            WaitAll => custom["join"] is JObject quorum ? quorum.DeepClone() : "all",
            _ => Unsupported(),
        };
        Rest(step, custom, "join", "branches");
        step["branches"] = new JArray(branches);
        return step;

        JToken Unsupported()
        {
            problems.Add(ElsaProblemCodes.UnsupportedValue, fork, $"Fork joinMode '{mode}' has no counterpart; use WaitAll (会签) or WaitAny (或签).", $"{fork.Path}.joinMode");
            return "all";
        }
    }

    public static string JoinMode(ElsaActivity join) => join.Input("mode") ?? WaitAny;

    private static JToken Join(ElsaActivity join, JToken? customJoin, ElsaProblemList problems)
    {
        switch (JoinMode(join))
        {
            case WaitAll or WaitAllActive:
                // Elsa has no quorum: the export writes WaitAll and keeps {quorum: n} beside it.
                return customJoin is JObject quorum ? quorum.DeepClone() : "all";
            case WaitAny:
                return "any";
            case var mode:
                problems.Add(ElsaProblemCodes.UnsupportedValue, join, $"FlowJoin mode '{mode}' has no counterpart; use WaitAll or WaitAllActive (会签) or WaitAny (或签).", $"{join.Path}.mode");
                return "all";
        }
    }

    public static JObject Decision(ElsaActivity activity, List<(string Port, string? When, List<JObject> Steps)> arms, ElsaProblemList problems)
    {
        var custom = Custom(activity, problems);
        var step = Rest(Step("decision", activity), custom, "branches");
        var meta = custom["branches"] as JArray;
        var produced = new List<(string Port, string? When, List<JObject> Steps)>();
        if (activity.Type == FlowDecision)
        {
            var (truePort, condition, trueSteps) = arms[0];
            var falseSteps = arms[1].Steps;
            if (trueSteps.Count > 0)
            {
                produced.Add((truePort, condition, trueSteps));
            }

            if (falseSteps.Count > 0)
            {
                produced.Add((PortFalse, trueSteps.Count > 0 ? null : ElsaConditions.Negate(condition!), falseSteps));
            }

            if (produced.Count == 0)
            {
                problems.Add(ElsaProblemCodes.Unstructured, activity, $"FlowDecision '{activity.Id}' has no activity on either outcome; delete it.");
            }
        }
        else
        {
            produced.AddRange(arms.Where(a => a.Steps.Count > 0));
        }

        var branches = new JArray();
        for (var i = 0; i < produced.Count; i++)
        {
            var (port, when, steps) = produced[i];
            var branch = new JObject();
            var original = meta is not null && i < meta.Count && meta[i] is JObject m ? m : null;
            if (original is not null)
            {
                foreach (var property in original.Properties().Where(p => p.Name is not "when" and not "steps"))
                {
                    branch[property.Name] = property.Value.DeepClone();
                }
            }
            else if (activity.Type == FlowSwitch && port != PortDefault)
            {
                branch["id"] = Slug(port);
                branch["name"] = port;
            }

            if (when is not null)
            {
                branch["when"] = PreferOriginal((string?)original?["when"], when);
            }

            branch["steps"] = new JArray(steps);
            branches.Add(branch);
        }

        step["branches"] = branches;
        return step;
    }

    /// <summary>Our export's guard: a FlowDecision marked with the step it guards, True to that step alone, False past it.</summary>
    public static JObject? Guarded(ElsaActivity activity, List<(string Port, string? When, List<JObject> Steps)> arms)
    {
        if (activity.Type != FlowDecision || activity.Custom(CustomKey) is not JObject custom || (string?)custom["guard"] is not { } guarded
            || arms is not [(_, { } when, [{ } step]), (_, _, [])] || (string?)step["id"] != guarded)
        {
            return null;
        }

        var original = step.Annotation<ElsaFlowReader.Origin>()?.Activity.Custom(CustomKey) is JObject stepCustom ? (string?)stepCustom["when"] : null;
        (step.Property("description") ?? step.Property("name")!).AddAfterSelf(new JProperty("when", PreferOriginal(original, when)));
        return step;
    }

    /// <summary>
    /// A condition read from an input: JavaScript in the subset, or a Literal true/false. Null
    /// (with a problem) for anything else; the caller goes on with a placeholder.
    /// </summary>
    public static string? Condition(ElsaActivity activity, JToken? input, string path, ElsaProblemList problems)
    {
        var expression = ElsaGraph.Expression(input) as JObject;
        var type = (string?)expression?["type"];
        var value = expression?["value"];
        switch (type)
        {
            case JavaScript when value?.Type == JTokenType.String:
                {
                    var condition = ElsaConditions.FromJavaScript((string)value!, out var problem);
                    if (condition is null)
                    {
                        problems.Add(ElsaProblemCodes.UnsupportedCondition, activity, $"The JavaScript condition \"{value}\" does not map onto a condition: {problem}", path);
                    }

                    return condition;
                }

            case Literal when value is not null && bool.TryParse(value.ToString(), out var literal):
                return literal ? "true" : "false";
            case null:
                problems.Add(ElsaProblemCodes.UnsupportedCondition, activity, "The condition is missing; give it a JavaScript expression over variables.", path);
                return null;
            default:
                problems.Add(ElsaProblemCodes.UnsupportedCondition, activity,
                    $"A {type} condition cannot be read (and Elsa blocks C# and Python on import unless enabled); write it in JavaScript over variables, e.g. variables.seats > 50.", path);
                return null;
        }
    }

    /// <summary>The analyst's own text when the Elsa expression still means it; the translation when it was edited.</summary>
    private static string PreferOriginal(string? original, string converted)
    {
        if (original is not null && ElsaConditions.ToJavaScript(original) is { } js && ElsaConditions.FromJavaScript(js, out _) == converted)
        {
            return original;
        }

        return converted;
    }

    private static string? FirstGroup(ElsaActivity activity)
    {
        var value = activity.Input("candidateGroups");
        if (value is null)
        {
            return null;
        }

        try
        {
            return JToken.Parse(value) is JArray array ? (string?)array.FirstOrDefault() : value;
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return value.Split(',')[0].Trim();
        }
    }

    private static JObject Custom(ElsaActivity activity, ElsaProblemList problems)
    {
        switch (activity.Custom(CustomKey))
        {
            case null:
                return [];
            case JObject custom:
                return (JObject)custom.DeepClone();
            default:
                problems.Add(ElsaProblemCodes.BadCustomProperties, activity, $"customProperties '{CustomKey}' must be an object.", $"{activity.Path}.customProperties");
                return [];
        }
    }

    private static JObject Step(string type, ElsaActivity activity)
    {
        var step = new JObject
        {
            ["type"] = type,
            ["id"] = Slug(activity.Id),
            ["name"] = (string?)activity.Metadata["displayText"] ?? (activity.Type == UserTask ? activity.Input("title") : null) ?? (string?)activity.Json["name"] ?? activity.Id,
        };
        if ((string?)activity.Metadata["description"] is { Length: > 0 } description)
        {
            step["description"] = description;
        }

        step.AddAnnotation(new ElsaFlowReader.Origin(activity));
        return step;
    }

    /// <summary>Appends the custom properties that no native value replaced.</summary>
    private static JObject Rest(JObject step, JObject custom, params string[] handled)
    {
        foreach (var property in custom.Properties().Where(p => !Native.Contains(p.Name) && !handled.Contains(p.Name) && step[p.Name] is null))
        {
            step[property.Name] = property.Value.DeepClone();
        }

        return step;
    }

    /// <summary>A kebab-case id from an Elsa id ("FlowJoin1" → "flowjoin1", a ShortGuid → its lower-case letters and digits).</summary>
    public static string Slug(string raw)
    {
        var slug = new StringBuilder();
        foreach (var c in raw.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var text = slug.ToString().Trim('-');
        return text.Length == 0 ? "activity" : text;
    }
}
