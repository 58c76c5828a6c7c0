using System.Globalization;
using Approval.Definitions.Loading;
using Approval.Definitions.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using static Approval.Definitions.Elsa.ElsaFormat;

namespace Approval.Definitions.Elsa;

/// <summary>One export: walks the step tree and the source JSON side by side (each step knows its JSON path).</summary>
internal sealed class ElsaExportWriter(WorkflowDefinition definition, JObject source, ElsaPositions positions)
{
    private sealed record Outlet(string Activity, string Port);

    private sealed record Block(string Entry, IReadOnlyList<Outlet> Outlets);

    /// <summary>One Flowchart being filled: the root, or the nested one of a sequence.</summary>
    private sealed class Container(string nodeId, double originX, double originY)
    {
        public string NodeId { get; } = nodeId;
        public double OriginX { get; } = originX;
        public double OriginY { get; } = originY;
        public JArray Activities { get; } = [];
        public JArray Connections { get; } = [];
    }

    public JObject Write(ElsaExportOptions options)
    {
        var root = new Container($"Workflow1:{RootId}", 0, 0);
        var width = ElsaPositions.Scaled(positions.Width);
        var start = Activity(root, StartId, Start, "开始", null, null, (width / 2 - 60, -110, 120, 50));
        start["customProperties"]!["canStartWorkflow"] = true;
        var flow = Chain(definition.Steps, root);
        Connect(root, [new Outlet(StartId, PortDone)], flow.Entry);
        Activity(root, EndId, End, "结束", null, null, (width / 2 - 60, ElsaPositions.Scaled(positions.Height) + 60, 120, 50));
        Connect(root, flow.Outlets, EndId);

        var document = new JObject
        {
            ["$schema"] = SchemaUrl,
            ["id"] = VersionId(options.Version),
            ["definitionId"] = definition.Id,
            ["name"] = definition.Name,
            ["description"] = definition.Description,
        };
        if (options.CreatedAt is { } createdAt)
        {
            document["createdAt"] = createdAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        }

        document["version"] = options.Version;
        document["toolVersion"] = ToolVersion;
        document["variables"] = Variables();
        document["inputs"] = new JArray();
        document["outputs"] = new JArray();
        document["outcomes"] = new JArray();
        document["customProperties"] = new JObject { [CustomKey] = Without(source, "id", "name", "description", "steps") };
        document["isReadonly"] = false;
        document["isSystem"] = false;
        document["isLatest"] = true;
        document["isPublished"] = true;
        document["options"] = new JObject { ["autoUpdateConsumingWorkflows"] = false };
        document["root"] = new JObject
        {
            ["id"] = RootId,
            ["nodeId"] = root.NodeId,
            ["name"] = "Flowchart1",
            ["type"] = Flowchart,
            ["version"] = 1,
            ["customProperties"] = CommonCustom(),
            ["metadata"] = new JObject(),
            ["activities"] = root.Activities,
            ["variables"] = new JArray(),
            ["connections"] = root.Connections,
        };
        return document;
    }

    // Elsa's version ids are 16 hex digits; these come from the content, so equal content exports equally.
    private string VersionId(int version) =>
        $"{CanonicalJson.Hash(CanonicalJson.Write(source))[..12]}{version:x4}";

    private JArray Variables()
    {
        var variables = new JArray();
        if (source["fields"] is JObject fields)
        {
            foreach (var field in fields.Properties())
            {
                variables.Add(new JObject
                {
                    ["id"] = field.Name,
                    ["name"] = field.Name,
                    ["typeName"] = ElsaTypes.VariableType((string?)field.Value ?? "string"),
                    ["isArray"] = false,
                });
            }
        }

        return variables;
    }

    private Block Chain(IReadOnlyList<StepDefinition> steps, Container container)
    {
        Block? first = null;
        IReadOnlyList<Outlet> outlets = [];
        foreach (var step in steps)
        {
            var block = Step(step, container);
            if (first is null)
            {
                first = block;
            }
            else
            {
                Connect(container, outlets, block.Entry);
            }

            outlets = block.Outlets;
        }

        return new Block(first!.Entry, outlets);
    }

    private Block Step(StepDefinition step, Container container)
    {
        if (step.When is not { } when)
        {
            return Unguarded(step, container);
        }

        // A `when` is a FlowDecision in front of the step: True runs it, False goes past it.
        var box = Box(step, container);
        var guardId = step.Id + GuardSuffix;
        var guard = Activity(container, guardId, FlowDecision, $"when {when.Source}", null, new JObject { ["guard"] = step.Id },
            (box.X - 170, box.Y, 140, 60));
        guard["condition"] = Condition(when.Source);
        var inner = Unguarded(step, container);
        Connect(container, [new Outlet(guardId, PortTrue)], inner.Entry);
        return new Block(guardId, [.. inner.Outlets, new Outlet(guardId, PortFalse)]);
    }

    private Block Unguarded(StepDefinition step, Container container) => step switch
    {
        ParallelStepDefinition parallel => Parallel(parallel, container),
        DecisionStepDefinition decision => Decision(decision, container),
        SequenceStepDefinition sequence => Sequence(sequence, container),
        _ => Task(step, container),
    };

    private Block Task(StepDefinition step, Container container)
    {
        var json = Json(step);
        var (taskName, native) = step switch
        {
            TaskStepDefinition task => (task.Department, new[] { "id", "name", "description", "department" }),
            IntakeStepDefinition => (IntakeTaskName, new[] { "id", "name", "description" }),
            _ => (DeliveryTaskName, new[] { "id", "name", "description" }),
        };
        var activity = Activity(container, step.Id, RunTask, step.Name, (string?)json["description"], Without(json, native), Box(step, container));
        activity["taskName"] = Input("String", Literal, taskName);
        var payload = new JObject { ["stepId"] = step.Id, ["type"] = (string?)json["type"] };
        if (step is TaskStepDefinition t)
        {
            payload["department"] = t.Department;
            payload["role"] = t.Role;
        }

        activity["payload"] = Input("ObjectDictionary", ObjectExpression, payload.ToString(Formatting.None));
        return new Block(step.Id, [new Outlet(step.Id, PortDone)]);
    }

    private Block Parallel(ParallelStepDefinition parallel, Container container)
    {
        var json = Json(parallel);
        var box = Box(parallel, container);
        var native = json["join"]?.Type == JTokenType.String ? new[] { "id", "name", "description", "branches", "join" } : ["id", "name", "description", "branches"];
        var fork = Activity(container, parallel.Id, FlowFork, parallel.Name, (string?)json["description"], Without(json, native),
            (box.X + box.Width / 2 - 60, box.Y, 120, 40));
        fork["branches"] = Input("String[]", ObjectExpression, new JArray(parallel.Branches.Select(b => b.Id)).ToString(Formatting.None));

        var joinId = parallel.Id + JoinSuffix;
        var bar = positions.JoinBar(parallel.Id, container.OriginX, container.OriginY);
        var join = Activity(container, joinId, FlowJoin, JoinLabel(parallel.Join), null, null, (bar.X, bar.Y, 120, 48));
        var canSkip = parallel.Branches.Any(b => b.When is not null);
        join["mode"] = Input(FlowJoinModeType, Literal, parallel.Join.Kind == JoinKind.Any ? WaitAny : canSkip ? WaitAllActive : WaitAll);

        foreach (var branch in parallel.Branches)
        {
            var block = Step(branch, container);
            Connect(container, [new Outlet(parallel.Id, branch.Id)], block.Entry);
            Connect(container, block.Outlets, joinId);
        }

        return new Block(parallel.Id, [new Outlet(joinId, PortDone)]);
    }

    private static string JoinLabel(JoinRule join) => join.Kind switch
    {
        JoinKind.All => "会签 (all)",
        JoinKind.Any => "或签 (any)",
        _ => $"quorum {join.Quorum}",
    };

    private Block Decision(DecisionStepDefinition decision, Container container)
    {
        var json = Json(decision);
        var box = Box(decision, container);
        var custom = Without(json, "id", "name", "description", "branches");
        custom["branches"] = new JArray(decision.Branches.Select(b => Without(Json(b), "steps")));
        var twoWay = decision.Branches[0].When is not null
            && (decision.Branches.Count == 1 || (decision.Branches.Count == 2 && decision.Branches[1].When is null));
        var activity = Activity(container, decision.Id, twoWay ? FlowDecision : FlowSwitch, decision.Name, (string?)json["description"], custom,
            (box.X + box.Width / 2 - 80, box.Y, 160, 64));

        var outlets = new List<Outlet>();
        var ports = new List<string>();
        if (twoWay)
        {
            activity["condition"] = Condition(decision.Branches[0].When!.Source);
            ports.Add(PortTrue);
            ports.Add(PortFalse);
        }
        else
        {
            var cases = new JArray();
            foreach (var branch in decision.Branches)
            {
                if (branch.When is { } when)
                {
                    cases.Add(new JObject { ["label"] = branch.Id, ["condition"] = new JObject { ["type"] = JavaScript, ["value"] = ElsaConditions.ToJavaScript(when.Source) } });
                    ports.Add(branch.Id);
                }
                else
                {
                    ports.Add(PortDefault);
                }
            }

            activity["cases"] = cases;
            activity["mode"] = Input("SwitchMode", Literal, "MatchFirst");
        }

        for (var i = 0; i < decision.Branches.Count; i++)
        {
            var block = Chain(decision.Branches[i].Steps, container);
            Connect(container, [new Outlet(decision.Id, ports[i])], block.Entry);
            outlets.AddRange(block.Outlets);
        }

        // No matching branch skips the decision: the unused port goes straight on.
        if (decision.Branches[^1].When is not null)
        {
            outlets.Add(new Outlet(decision.Id, twoWay ? PortFalse : PortDefault));
        }

        return new Block(decision.Id, outlets);
    }

    private Block Sequence(SequenceStepDefinition sequence, Container container)
    {
        var json = Json(sequence);
        var activity = Activity(container, sequence.Id, Flowchart, sequence.Name, (string?)json["description"],
            Without(json, "id", "name", "description", "steps"), Box(sequence, container));
        var (x, y) = positions.Origin(sequence.Id);
        var inner = new Container($"{container.NodeId}:{sequence.Id}", x, y);
        Chain(sequence.Steps, inner);
        activity["activities"] = inner.Activities;
        activity["variables"] = new JArray();
        activity["connections"] = inner.Connections;
        return new Block(sequence.Id, [new Outlet(sequence.Id, PortDone)]);
    }

    private (double X, double Y, double Width, double Height) Box(StepDefinition step, Container container) =>
        positions.Box(step.Id, container.OriginX, container.OriginY);

    private JObject Json(StepDefinition step) =>
        source.SelectToken(step.Path) as JObject ?? throw new InvalidOperationException($"Step '{step.Id}' has no JSON at {step.Path}.");

    private static JObject Activity(Container container, string id, string type, string displayText, string? description, JObject? custom,
        (double X, double Y, double Width, double Height) box)
    {
        var customProperties = CommonCustom();
        if (custom is not null)
        {
            customProperties[CustomKey] = custom;
        }

        var metadata = new JObject { ["displayText"] = displayText };
        if (description is not null)
        {
            metadata["description"] = description;
        }

        metadata["designer"] = new JObject
        {
            ["position"] = new JObject { ["x"] = Math.Round(box.X, 1), ["y"] = Math.Round(box.Y, 1) },
            ["size"] = new JObject { ["width"] = Math.Round(box.Width, 1), ["height"] = Math.Round(box.Height, 1) },
        };
        var activity = new JObject
        {
            ["id"] = id,
            ["nodeId"] = $"{container.NodeId}:{id}",
            ["name"] = id,
            ["type"] = type,
            ["version"] = 1,
            ["customProperties"] = customProperties,
            ["metadata"] = metadata,
        };
        container.Activities.Add(activity);
        return activity;
    }

    private static JObject CommonCustom() => new() { ["canStartWorkflow"] = false, ["runAsynchronously"] = false };

    private static JObject Condition(string source) => Input("Boolean", JavaScript, ElsaConditions.ToJavaScript(source));

    private static JObject Input(string typeName, string expressionType, string? value) =>
        new() { ["typeName"] = typeName, ["expression"] = new JObject { ["type"] = expressionType, ["value"] = value } };

    private static void Connect(Container container, IEnumerable<Outlet> outlets, string target)
    {
        foreach (var outlet in outlets)
        {
            container.Connections.Add(new JObject
            {
                ["source"] = new JObject { ["activity"] = outlet.Activity, ["port"] = outlet.Port },
                ["target"] = new JObject { ["activity"] = target, ["port"] = PortIn },
                ["vertices"] = new JArray(),
            });
        }
    }

    /// <summary>A copy of <paramref name="json"/> without the properties Elsa expresses natively.</summary>
    private static JObject Without(JObject json, params string[] native)
    {
        var copy = (JObject)json.DeepClone();
        foreach (var name in native)
        {
            copy.Remove(name);
        }

        return copy;
    }
}
