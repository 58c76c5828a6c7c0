namespace Approval.Definitions.Elsa;

/// <summary>
/// The names of Elsa 3's workflow-definition JSON that the exporter writes and the importer reads
/// (see docs/elsa.md and ../shared/reference/elsa3-json.md for where each was read in elsa-core).
/// </summary>
public static class ElsaFormat
{
    /// <summary>The <c>$schema</c> Elsa's exporter writes; Studio recognises a file by its prefix.</summary>
    public const string SchemaUrl = "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json";

    /// <summary>The prefix Elsa Studio's detector accepts.</summary>
    public const string SchemaPrefix = "https://elsaworkflows.io/schemas/workflow-definition";

    /// <summary>The Elsa version whose layout is written (nested connections, 3.6 type names).</summary>
    public const string ToolVersion = "3.6.0.0";

    /// <summary>
    /// The one namespaced key, in the definition's and each activity's <c>customProperties</c>,
    /// under which what Elsa cannot express travels (quorum joins, working-day limits, warning
    /// policy, materials, deferrable materials, item codes).
    /// </summary>
    public const string CustomKey = "approval.definitions/v1";

    /// <summary>The <c>$schema</c> written into imported definitions, relative to <c>workflows/</c>.</summary>
    public const string OurSchema = "schema/workflow.schema.json";

    public const string Flowchart = "Elsa.Flowchart";
    public const string Start = "Elsa.Start";
    public const string End = "Elsa.End";
    public const string FlowFork = "Elsa.FlowFork";
    public const string FlowJoin = "Elsa.FlowJoin";
    public const string FlowDecision = "Elsa.FlowDecision";
    public const string FlowSwitch = "Elsa.FlowSwitch";
    public const string RunTask = "Elsa.RunTask";
    public const string UserTask = "Elsa.UserTask";
    public const string Delay = "Elsa.Delay";
    public const string TimerType = "Elsa.Timer";

    /// <summary>The structured fork (branches nested, not connected); read, never written.</summary>
    public const string Fork = "Elsa.Fork";

    /// <summary>The 3.6 name of the join-mode type; 3.0 files say <c>Elsa.Workflows.Core.Activities…</c>, HEAD the alias <c>FlowJoinMode</c>.</summary>
    public const string FlowJoinModeType = "Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core";

    public const string PortIn = "In";
    public const string PortDone = "Done";
    public const string PortTrue = "True";
    public const string PortFalse = "False";
    public const string PortDefault = "Default";

    public const string WaitAll = "WaitAll";
    public const string WaitAllActive = "WaitAllActive";
    public const string WaitAny = "WaitAny";

    public const string JavaScript = "JavaScript";
    public const string Literal = "Literal";
    public const string ObjectExpression = "Object";

    /// <summary>The <c>taskName</c> of a RunTask that stands for intake or delivery rather than a department.</summary>
    public const string IntakeTaskName = "intake";

    /// <summary>See <see cref="IntakeTaskName"/>.</summary>
    public const string DeliveryTaskName = "delivery";

    /// <summary>Ids the exporter invents contain '_', which no step id (kebab-case) can, so they never clash.</summary>
    public const string StartId = "_start";

    public const string EndId = "_end";
    public const string RootId = "_flowchart";
    public const string JoinSuffix = "_join";
    public const string GuardSuffix = "_when";
}
