namespace Approval.Definitions.Elsa;

/// <summary>
/// One reason an Elsa file cannot become a definition, naming the activity (<see cref="ActivityId"/>,
/// its <see cref="ActivityType"/>) and the <see cref="JsonPath"/> in the Elsa file, so the analyst
/// finds it in Studio or in the text. Codes are stable (see <see cref="ElsaProblemCodes"/>, docs/elsa.md).
/// </summary>
public sealed record ElsaProblem(string Code, string JsonPath, string? ActivityId, string? ActivityType, string Message)
{
    /// <summary>As a compiler line: <c>file: error ELSA004: … [activity x (Elsa.Delay) at $.root.activities[3]]</c>.</summary>
    public string Format(string file) =>
        $"{file}: error {Code}: {Message} [{(ActivityId is null ? "" : $"activity {ActivityId} ({ActivityType}) at ")}{JsonPath}]";
}

/// <summary>The stable codes of <see cref="ElsaProblem"/>.</summary>
public static class ElsaProblemCodes
{
    /// <summary>The text is not JSON, or not an object.</summary>
    public const string NotJson = "ELSA001";

    /// <summary>Not an Elsa workflow definition: no Elsa <c>$schema</c> and not all of definitionId, id, name, root.</summary>
    public const string NotElsaDefinition = "ELSA002";

    /// <summary>The root (or a container) is not an <c>Elsa.Flowchart</c>.</summary>
    public const string NotFlowchart = "ELSA003";

    /// <summary>An activity type with no counterpart in the definition language.</summary>
    public const string UnsupportedActivity = "ELSA004";

    /// <summary>A connection names an activity that does not exist, or is malformed.</summary>
    public const string BadConnection = "ELSA005";

    /// <summary>A connection goes back to an earlier activity (a loop); supplement is a command, not a flow.</summary>
    public const string Loop = "ELSA006";

    /// <summary>No start: no <c>Elsa.Start</c> and not exactly one activity without inbound connections.</summary>
    public const string NoStart = "ELSA007";

    /// <summary>Branches that do not meet again where the block structure needs them to (a fork without its join, crossing edges).</summary>
    public const string Unstructured = "ELSA008";

    /// <summary>A condition outside the JavaScript subset that maps onto the condition language.</summary>
    public const string UnsupportedCondition = "ELSA009";

    /// <summary>A task without a department (RunTask <c>taskName</c>, UserTask <c>candidateGroups</c>).</summary>
    public const string NoDepartment = "ELSA010";

    /// <summary>A task without a time limit (neither a racing Delay/Timer nor <c>timeLimit</c> in the custom properties).</summary>
    public const string NoTimeLimit = "ELSA011";

    /// <summary>A FlowJoin mode, FlowSwitch mode or time span that has no counterpart.</summary>
    public const string UnsupportedValue = "ELSA012";

    /// <summary>The <c>approval.definitions/v1</c> custom properties are not an object.</summary>
    public const string BadCustomProperties = "ELSA013";

    /// <summary>The definition the file maps to breaks a rule of the language (the APV code is in the message).</summary>
    public const string InvalidDefinition = "ELSA014";

    /// <summary>An activity that the flow from the start never reaches; it would be dropped.</summary>
    public const string Unreachable = "ELSA015";

    /// <summary>A variable whose type is not a field type (boolean, integer, number, string, date).</summary>
    public const string UnsupportedVariable = "ELSA016";
}
