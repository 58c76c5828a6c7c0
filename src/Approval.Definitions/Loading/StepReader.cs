using Approval.Calendar;
using Approval.Definitions.Conditions;
using Approval.Definitions.Departments;
using Approval.Definitions.Model;
using Newtonsoft.Json.Linq;

namespace Approval.Definitions.Loading;

/// <summary>
/// Reads the <c>steps</c> tree into the model. Where a value is wrong it reports the problem and
/// goes on with a placeholder (an empty id or department, a zero limit), so that one load finds
/// every problem; a definition with any error is never handed out, so placeholders never escape.
/// </summary>
internal sealed class StepReader(
    Diagnostics diagnostics,
    DepartmentRegistry departments,
    IReadOnlyDictionary<string, FieldType> fields,
    WarningPolicy definitionWarning)
{
    public const string Intake = "intake";
    public const string Task = "task";
    public const string Parallel = "parallel";
    public const string Sequence = "sequence";
    public const string Decision = "decision";
    public const string Delivery = "delivery";

    private static readonly string[] Types = [Intake, Task, Parallel, Sequence, Decision, Delivery];
    private static readonly string[] Common = ["type", "id", "name", "description"];
    private static readonly string[] Guarded = [.. Common, "when"];

    public List<StepDefinition> ReadSteps(JArray array, string path)
    {
        var steps = new List<StepDefinition>();
        for (var i = 0; i < array.Count; i++)
        {
            if (ReadStep(array[i], JsonPaths.Index(path, i)) is { } step)
            {
                steps.Add(step);
            }
        }

        return steps;
    }

    private StepDefinition? ReadStep(JToken token, string path)
    {
        if (token is not JObject obj)
        {
            diagnostics.Add(ErrorCodes.WrongType, path, $"A step must be an object, found {JsonObjectReader.Describe(token)}.");
            return null;
        }

        var typePath = JsonPaths.Property(path, "type");
        if (!obj.TryGetValue("type", out var typeToken))
        {
            diagnostics.Add(ErrorCodes.MissingProperty, typePath, $"A step is missing the required property 'type' (one of {string.Join(", ", Types)}).", Anchor.Parent);
            return null;
        }

        if (typeToken.Type != JTokenType.String)
        {
            diagnostics.Add(ErrorCodes.WrongType, typePath, $"'type' must be a string, found {JsonObjectReader.Describe(typeToken)}.");
            return null;
        }

        var type = (string)typeToken!;
        return type switch
        {
            Intake => ReadSimple(obj, path, "An intake step", (id, name) => new IntakeStepDefinition { Id = id, Name = name, Path = path }),
            Delivery => ReadDelivery(obj, path),
            Task => ReadTask(obj, path),
            Parallel => ReadParallel(obj, path),
            Sequence => ReadSequence(obj, path),
            Decision => ReadDecision(obj, path),
            _ => Unknown(type, typePath),
        };
    }

    private StepDefinition? Unknown(string type, string typePath)
    {
        diagnostics.Add(ErrorCodes.UnknownStepType, typePath, $"Unknown step type '{type}'; use one of {string.Join(", ", Types)}.");
        return null;
    }

    private StepDefinition ReadSimple(JObject obj, string path, string what, Func<string, string, StepDefinition> create)
    {
        var o = JsonObjectReader.Open(obj, path, diagnostics, what, Common)!;
        var (id, name) = ReadIdentity(o, what);
        return create(id, name);
    }

    private TaskStepDefinition ReadTask(JObject obj, string path)
    {
        const string what = "A task step";
        var o = JsonObjectReader.Open(obj, path, diagnostics, what,
            [.. Guarded, "department", "role", "timeLimit", "warning", "onOverdue", "maxExtensionWorkingDays", "supplementRounds", "itemCode", "sendBack", "commitment"])!;
        var (id, name) = ReadIdentity(o, what);

        var department = string.Empty;
        if (!o.Has("department"))
        {
            o.ReportMissing("department", $"Task '{id}'", ErrorCodes.MissingDepartment);
        }
        else if (o.String("department", what, required: true) is { } d)
        {
            department = d;
            if (!departments.Contains(d))
            {
                var known = departments.All.Count == 0
                    ? "the registry is empty"
                    : Wording.Nearest(d, departments.All.Select(x => x.Id)) is { } near
                        ? $"did you mean '{near}'? see workflows/departments.json"
                        : "see workflows/departments.json";
                diagnostics.Add(ErrorCodes.UnknownDepartment, o.PathOf("department"), $"Department '{d}' is not in the department registry ({known}).");
            }
        }

        TimeLimit? limit = null;
        if (!o.Has("timeLimit"))
        {
            o.ReportMissing("timeLimit", $"Task '{id}'");
        }
        else
        {
            limit = TimeLimitReader.ReadLimit(o.Get("timeLimit"), o.PathOf("timeLimit"), diagnostics);
        }

        var onOverdue = OverdueAction.Escalate;
        if (o.String("onOverdue", what, required: false) is { } action)
        {
            switch (action)
            {
                case "escalate":
                    break;
                case "approve":
                    onOverdue = OverdueAction.Approve;
                    break;
                default:
                    diagnostics.Add(ErrorCodes.InvalidValue, o.PathOf("onOverdue"), $"'onOverdue' is '{action}'; use \"escalate\" (red card and 督办) or \"approve\" (超时默许).");
                    break;
            }
        }

        return new TaskStepDefinition
        {
            Id = id,
            Name = name,
            Path = path,
            When = ReadWhen(o),
            Department = department,
            Role = o.String("role", what, required: false),
            TimeLimit = limit ?? TimeLimit.OfWorkingDays(0),
            Warning = o.Has("warning") ? TimeLimitReader.ReadWarning(o.Get("warning"), o.PathOf("warning"), definitionWarning, diagnostics) : null,
            OnOverdue = onOverdue,
            MaxExtensionWorkingDays = o.Integer("maxExtensionWorkingDays", 0) ?? 0,
            SupplementRounds = o.Integer("supplementRounds", 0) ?? 1,
            ItemCode = o.String("itemCode", what, required: false),
            SendBack = ReadSendBack(o, $"Task '{id}'"),
            Commitment = o.Has("commitment") ? CommitmentReader.Read(o.Get("commitment"), o.PathOf("commitment"), id, diagnostics) : null,
        };
    }

    private DeliveryStepDefinition ReadDelivery(JObject obj, string path)
    {
        const string what = "A delivery step";
        var o = JsonObjectReader.Open(obj, path, diagnostics, what, [.. Common, "sendBack"])!;
        var (id, name) = ReadIdentity(o, what);
        return new DeliveryStepDefinition { Id = id, Name = name, Path = path, SendBack = ReadSendBack(o, $"Delivery '{id}'") };
    }

    /// <summary>The step ids of <c>sendBack</c> (退回); whether each fits is checked once the whole tree is read (SendBackRule).</summary>
    private List<string> ReadSendBack(JsonObjectReader o, string what)
    {
        var targets = new List<string>();
        if (o.Array("sendBack", what, required: false) is not { } array)
        {
            return targets;
        }

        for (var i = 0; i < array.Count; i++)
        {
            var itemPath = JsonPaths.Index(o.PathOf("sendBack"), i);
            if (array[i] is not { Type: JTokenType.String } item || !Patterns.KebabId().IsMatch((string)item!))
            {
                diagnostics.Add(ErrorCodes.WrongType, itemPath, $"A sendBack target must be a step id in {Patterns.KebabHint}, found {JsonObjectReader.Describe(array[i])}.");
                continue;
            }

            targets.Add((string)item!);
        }

        return targets;
    }

    private ParallelStepDefinition ReadParallel(JObject obj, string path)
    {
        const string what = "A parallel step";
        var o = JsonObjectReader.Open(obj, path, diagnostics, what, [.. Guarded, "join", "branches"])!;
        var (id, name) = ReadIdentity(o, what);
        var when = ReadWhen(o);
        var branchesPath = o.PathOf("branches");
        var array = o.Array("branches", $"Parallel step '{id}'", required: true);
        var branches = array is null ? [] : ReadSteps(array, branchesPath);
        if (array is { Count: 0 })
        {
            diagnostics.Add(ErrorCodes.EmptyBlock, branchesPath, $"Parallel step '{id}' has no branches; add at least two under \"branches\" (each a task, or a sequence of steps), or replace the parallel step by its only task.");
        }
        else if (array is { Count: 1 })
        {
            diagnostics.Add(ErrorCodes.SingleBranchParallel, branchesPath, $"Parallel step '{id}' has a single branch; write the step directly instead.");
        }

        var join = ReadJoin(o, id, array?.Count);
        return new ParallelStepDefinition { Id = id, Name = name, Path = path, When = when, Join = join, Branches = branches };
    }

    private JoinRule ReadJoin(JsonObjectReader o, string id, int? branchCount)
    {
        var path = o.PathOf("join");
        var token = o.Get("join");
        switch (token)
        {
            case null:
                o.ReportMissing("join", $"Parallel step '{id}'");
                return JoinRule.All;
            case { Type: JTokenType.String } when (string)token! == "all":
                return JoinRule.All;
            case { Type: JTokenType.String } when (string)token! == "any":
                return JoinRule.Any;
            case JObject:
                {
                    var q = JsonObjectReader.Open(token, path, diagnostics, "A quorum join", "quorum")!;
                    var quorumToken = q.Get("quorum");
                    if (quorumToken is null)
                    {
                        q.ReportMissing("quorum", "A quorum join");
                        return JoinRule.All;
                    }

                    if (quorumToken.Type != JTokenType.Integer)
                    {
                        diagnostics.Add(ErrorCodes.WrongType, q.PathOf("quorum"), $"'quorum' must be a whole number, found {JsonObjectReader.Describe(quorumToken)}.");
                        return JoinRule.All;
                    }

                    var quorum = JsonObjectReader.AsLong(quorumToken);
                    if (quorum < 1 || (branchCount is { } n && quorum > n))
                    {
                        diagnostics.Add(ErrorCodes.QuorumOutOfRange, q.PathOf("quorum"),
                            $"Quorum {quorum} of parallel step '{id}' must be between 1 and its number of branches ({branchCount ?? 0}).");
                        return JoinRule.All;
                    }

                    return new JoinRule(JoinKind.Quorum, (int)quorum);
                }

            default:
                diagnostics.Add(ErrorCodes.UnknownJoinRule, path,
                    $"Unknown join rule {(token.Type == JTokenType.String ? $"'{token}'" : JsonObjectReader.Describe(token))} on parallel step '{id}'; use \"all\" (会签), \"any\" (或签) or {{\"quorum\": n}}.");
                return JoinRule.All;
        }
    }

    private SequenceStepDefinition ReadSequence(JObject obj, string path)
    {
        const string what = "A sequence step";
        var o = JsonObjectReader.Open(obj, path, diagnostics, what, [.. Guarded, "steps"])!;
        var (id, name) = ReadIdentity(o, what);
        return new SequenceStepDefinition { Id = id, Name = name, Path = path, When = ReadWhen(o), Steps = ReadBlock(o, $"Sequence '{id}'") };
    }

    private DecisionStepDefinition ReadDecision(JObject obj, string path)
    {
        const string what = "A decision step";
        var o = JsonObjectReader.Open(obj, path, diagnostics, what, [.. Guarded, "branches"])!;
        var (id, name) = ReadIdentity(o, what);
        var when = ReadWhen(o);
        var branchesPath = o.PathOf("branches");
        var array = o.Array("branches", $"Decision step '{id}'", required: true);
        var branches = new List<SequenceStepDefinition>();
        if (array is { Count: 0 })
        {
            diagnostics.Add(ErrorCodes.EmptyBlock, branchesPath, $"Decision step '{id}' has no branches; add one per outcome under \"branches\", each with a \"when\" condition (the last may leave it out: the otherwise branch) and its \"steps\".");
        }

        var otherwiseSeen = false;
        for (var i = 0; array is not null && i < array.Count; i++)
        {
            var branchPath = JsonPaths.Index(branchesPath, i);
            var b = JsonObjectReader.Open(array[i], branchPath, diagnostics, "A decision branch", "id", "name", "description", "when", "steps");
            if (b is null)
            {
                continue;
            }

            // Branch ids are optional; a generated one is stable only while branches keep their order.
            var branchId = b.Has("id") ? b.String("id", "A decision branch", required: true, Patterns.KebabId(), Patterns.KebabHint) ?? string.Empty : $"{id}-{i + 1}";
            var branchWhen = ReadWhen(b);
            var isOtherwise = !b.Has("when");
            if (otherwiseSeen)
            {
                diagnostics.Add(ErrorCodes.OtherwiseNotLast, branchPath,
                    $"Decision step '{id}' has a branch after its otherwise branch (the one without 'when'); that branch can never run.");
            }

            otherwiseSeen |= isOtherwise;
            branches.Add(new SequenceStepDefinition
            {
                Id = branchId,
                Name = b.String("name", "A decision branch", required: false) ?? (isOtherwise ? "otherwise (其他情况)" : branchWhen?.Source ?? $"branch {i + 1}"),
                Path = branchPath,
                When = branchWhen,
                Steps = ReadBlock(b, $"Branch {i + 1} of decision '{id}'"),
            });
        }

        return new DecisionStepDefinition { Id = id, Name = name, Path = path, When = when, Branches = branches };
    }

    private List<StepDefinition> ReadBlock(JsonObjectReader o, string what)
    {
        var array = o.Array("steps", what, required: true);
        if (array is { Count: 0 })
        {
            diagnostics.Add(ErrorCodes.EmptyBlock, o.PathOf("steps"), $"{what} has no steps.");
        }

        return array is null ? [] : ReadSteps(array, o.PathOf("steps"));
    }

    private static (string Id, string Name) ReadIdentity(JsonObjectReader o, string what) =>
        (o.String("id", what, required: true, Patterns.KebabId(), Patterns.KebabHint) ?? string.Empty,
         o.String("name", what, required: true) ?? string.Empty);

    private Condition? ReadWhen(JsonObjectReader o)
    {
        var path = o.PathOf("when");
        var source = o.String("when", "A condition", required: false);
        if (source is null)
        {
            return null;
        }

        var compiled = ConditionCompiler.Compile(source, fields);
        foreach (var problem in compiled.Problems)
        {
            // Point inside the string when the text maps 1:1 onto the file (no escapes in it).
            var (line, column) = diagnostics.Map.Locate(path);
            if (!diagnostics.Map.HasEscapes(path))
            {
                column += 1 + problem.Offset;
            }

            diagnostics.AddAt(problem.Code, path, line, column, $"Condition \"{source}\", column {problem.Column}: {problem.Message}");
        }

        return compiled.Condition;
    }
}
