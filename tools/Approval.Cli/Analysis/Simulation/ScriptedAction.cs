using System.Globalization;
using System.Text.RegularExpressions;
using Approval.Cli.Commands;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;

namespace Approval.Cli.Analysis.Simulation;

/// <summary>
/// One line of a dry run's script: at <see cref="At"/>, a clerk of the task's department does
/// <see cref="Action"/> to task <see cref="TaskId"/> (a step id), with the action's
/// <see cref="Argument"/> where it takes one (<c>send-back=stage-construction</c>). The simulator
/// turns it into the engine's command through <see cref="Commands"/> and lets
/// <see cref="CaseDecider"/> decide it.
/// </summary>
internal sealed partial record ScriptedAction(string Action, string TaskId, DateTimeOffset At, string? Argument = null)
{
    /// <summary>
    /// The actions a script may name, each the command it becomes for a task and the action's
    /// argument. A new command is one line here (and a line in docs/analyst-tools.md); nothing else
    /// in the simulator changes. Approving is not scripted: every task is approved at its due unless
    /// the script says otherwise, and every consultation answered at its due.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Func<Guid, string?, CaseCommand>> Commands = new Dictionary<string, Func<Guid, string?, CaseCommand>>(StringComparer.Ordinal)
    {
        ["approve"] = (task, _) => new ApproveTask(task, null, "simulated"),
        ["reject"] = (task, _) => new RejectTask(task, "simulated"),
        ["suspend"] = (task, _) => new SuspendTask(task, "inspection", "simulated stop"),
        ["resume"] = (task, _) => new ResumeTask(task),
        ["supplement-request"] = (task, _) => new ReturnForSupplement(task, ["simulated"], null),
        ["supplement-received"] = (task, _) => new ReceiveSupplement(task, ArrivalChannels.Window),
        ["retract"] = (task, _) => new RetractDecision(task, "simulated"),
        ["send-back"] = (task, target) => new SendBack(task, target!, "simulated send back"),
        ["consult"] = (task, departments) => Consultation.Parse(task, departments!),
    };

    /// <summary>The actions that need their argument, with an example of it.</summary>
    private static readonly Dictionary<string, string> Arguments = new(StringComparer.Ordinal)
    {
        ["send-back"] = "send-back=stage-construction (the earlier step it returns to)",
        ["consult"] = "consult=natural-resources+housing-construction/3 (departments, and the limit in working days, 3 if omitted)",
    };

    /// <summary>The command this line becomes for the task's id in the case.</summary>
    public CaseCommand CommandFor(Guid taskId) => Commands[Action](taskId, Argument);

    /// <summary>The two lines a <c>--stop</c> becomes: a special procedure (特别程序) from its start to its end.</summary>
    public static IEnumerable<ScriptedAction> Of(ClockStop stop) =>
        [new("suspend", stop.TaskId, stop.From), new("resume", stop.TaskId, stop.To)];

    /// <summary>Parses <c>action:taskId:time</c>; the time is local (<c>2026-10-08T10:00</c>) or carries an offset.</summary>
    /// <exception cref="FormatException">The text is not an action line, or names an unknown action.</exception>
    public static ScriptedAction Parse(string text, TimeZoneInfo zone)
    {
        var match = ActPattern().Match(text.Trim());
        if (!match.Success) throw new FormatException($"--act '{text}' is not action:taskId:time, e.g. supplement-request:fire-safety:2026-10-08T10:00.");
        var action = match.Groups["action"].Value;
        if (!Commands.ContainsKey(action)) throw new FormatException($"--act '{text}' names action '{action}'; the actions are: {string.Join(", ", Commands.Keys)}.");
        var argument = match.Groups["argument"].Success ? match.Groups["argument"].Value : null;
        if (Arguments.TryGetValue(action, out var example) && argument is null) throw new FormatException($"--act '{text}': {action} needs its argument, e.g. {example}.");
        if (!Arguments.ContainsKey(action) && argument is not null) throw new FormatException($"--act '{text}': {action} takes no argument.");
        if (action == "consult") Consultation.Parse(Guid.Empty, argument!);
        return new ScriptedAction(action, match.Groups["task"].Value, CalendarCommand.ParseStart(match.Groups["at"].Value, zone), argument);
    }

    public override string ToString() =>
        $"{Action}{(Argument is null ? "" : "=" + Argument)}:{TaskId}:{At.ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture)}";

    private const string Time = @"\d{4}-\d\d-\d\d(?:[T ]\d\d:\d\d(?::\d\d)?)?(?:Z|[+-]\d\d:?\d\d)?";

    [GeneratedRegex($@"^(?<action>[a-z][a-z-]*)(?:=(?<argument>[a-z0-9][a-z0-9+/-]*))?:(?<task>[a-z0-9][a-z0-9-]*):(?<at>{Time})$", RegexOptions.IgnoreCase)]
    private static partial Regex ActPattern();
}
