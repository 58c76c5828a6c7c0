using Newtonsoft.Json.Linq;
using static Approval.Definitions.Elsa.ElsaFormat;

namespace Approval.Definitions.Elsa;

/// <summary>An activity of an Elsa flowchart, with its JSON path in the file for problems.</summary>
internal sealed record ElsaActivity(string Id, string Type, JObject Json, string Path)
{
    public string? Input(string name) => (ElsaGraph.Expression(Json[name]) as JObject)?["value"] is { Type: not JTokenType.Null } value
        ? value.Type == JTokenType.String ? (string?)value : value.ToString(Newtonsoft.Json.Formatting.None)
        : null;

    public string? ExpressionType(string name) => (string?)(ElsaGraph.Expression(Json[name]) as JObject)?["type"];

    public JObject Metadata => Json["metadata"] as JObject ?? [];

    /// <summary>The activity's <c>customProperties</c>; files without <c>toolVersion</c> keep them at the top level.</summary>
    public JToken? Custom(string key) => (Json["customProperties"] as JObject)?[key] ?? Json[key];
}

/// <summary>A connection, whichever layout the file used (nested, flat, or wrapped in <c>$values</c>).</summary>
internal sealed record ElsaConnection(string Source, string SourcePort, string Target, string TargetPort, string Path);

/// <summary>
/// One flowchart container read from the file: its activities by id and its connections. Problems
/// in the graph itself (unknown ids, malformed connections, loops) are reported here; the graph
/// that remains is acyclic and names only existing activities.
/// </summary>
internal sealed class ElsaGraph
{
    private readonly Dictionary<string, List<ElsaConnection>> _out = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ElsaConnection>> _in = new(StringComparer.Ordinal);

    private ElsaGraph(string path, List<ElsaActivity> activities)
    {
        Path = path;
        Activities = activities;
        ById = [];
        foreach (var activity in activities)
        {
            ById.TryAdd(activity.Id, activity);
            _out[activity.Id] = [];
            _in[activity.Id] = [];
        }
    }

    public string Path { get; }
    public IReadOnlyList<ElsaActivity> Activities { get; }
    public Dictionary<string, ElsaActivity> ById { get; }

    public IReadOnlyList<ElsaConnection> Outgoing(string id) => _out.TryGetValue(id, out var list) ? list : [];

    public IReadOnlyList<ElsaConnection> Incoming(string id) => _in.TryGetValue(id, out var list) ? list : [];

    /// <summary>An input's expression: <c>{typeName, expression:{type,value}}</c>, or the bare <c>{type,value}</c> some files have.</summary>
    public static JToken? Expression(JToken? input) => input is JObject o && o["expression"] is JObject e ? e : input;

    /// <summary>The array under <paramref name="name"/>, unwrapping <c>{"$values": […]}</c>; its JSON path too.</summary>
    public static (JArray? Array, string Path) Items(JObject container, string name, string path)
    {
        var token = container[name];
        return token switch
        {
            JArray array => (array, $"{path}.{name}"),
            JObject { } wrapper when wrapper["$values"] is JArray values => (values, $"{path}.{name}['$values']"),
            _ => (null, $"{path}.{name}"),
        };
    }

    public static string NormaliseType(string type)
    {
        // 3.0-era and hand-written files sometimes leave out the namespace.
        var known = new[] { Flowchart, Start, End, FlowFork, FlowJoin, FlowDecision, FlowSwitch, RunTask, UserTask, Delay, TimerType, Fork };
        return known.FirstOrDefault(k => string.Equals(k, type, StringComparison.OrdinalIgnoreCase) || string.Equals(k["Elsa.".Length..], type, StringComparison.OrdinalIgnoreCase))
            ?? type;
    }

    public static ElsaGraph Read(JObject container, string path, ElsaProblemList problems)
    {
        var (array, activitiesPath) = Items(container, "activities", path);
        var activities = new List<ElsaActivity>();
        var counters = new Dictionary<string, int>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; array is not null && i < array.Count; i++)
        {
            var itemPath = $"{activitiesPath}[{i}]";
            if (array[i] is not JObject json || json["type"]?.Type != JTokenType.String)
            {
                problems.Add(ElsaProblemCodes.BadConnection, itemPath, null, null, "An activity must be an object with a string 'type'.");
                continue;
            }

            var type = NormaliseType((string)json["type"]!);
            // Elsa names an activity without an id {ShortType}{n}; do the same so problems can name it.
            var shortType = type[(type.LastIndexOf('.') + 1)..];
            var id = json["id"]?.Type == JTokenType.String && ((string)json["id"]!).Length > 0
                ? (string)json["id"]!
                : $"{shortType}{counters[shortType] = counters.GetValueOrDefault(shortType) + 1}";
            if (!seen.Add(id))
            {
                problems.Add(ElsaProblemCodes.BadConnection, $"{itemPath}.id", id, type, $"Two activities have the id '{id}'; connections could not tell them apart.");
                continue;
            }

            activities.Add(new ElsaActivity(id, type, json, itemPath));
        }

        var graph = new ElsaGraph(path, activities);
        graph.ReadConnections(container, path, problems);
        return graph;
    }

    private void ReadConnections(JObject container, string path, ElsaProblemList problems)
    {
        var (array, connectionsPath) = Items(container, "connections", path);
        for (var i = 0; array is not null && i < array.Count; i++)
        {
            var itemPath = $"{connectionsPath}[{i}]";
            if (array[i] is not JObject json)
            {
                problems.Add(ElsaProblemCodes.BadConnection, itemPath, null, null, "A connection must be an object.");
                continue;
            }

            // Nested {source:{activity,port}} as Elsa writes it, or flat {source, sourcePort} as it also reads.
            var (source, sourcePort) = Endpoint(json["source"], (string?)json["sourcePort"], PortDone);
            var (target, targetPort) = Endpoint(json["target"], (string?)json["targetPort"], PortIn);
            if (source is null || target is null)
            {
                problems.Add(ElsaProblemCodes.BadConnection, itemPath, null, null, "A connection needs a source and a target activity.");
                continue;
            }

            var missing = new[] { (source, "source"), (target, "target") }.Where(e => !ById.ContainsKey(e.Item1)).ToList();
            foreach (var (id, end) in missing)
            {
                problems.Add(ElsaProblemCodes.BadConnection, $"{itemPath}.{end}", id, null,
                    $"The connection's {end} '{id}' is not an activity of this flowchart; Elsa would drop the connection with only a log warning.");
            }

            if (missing.Count > 0)
            {
                continue;
            }

            var connection = new ElsaConnection(source, sourcePort, target, targetPort, itemPath);
            _out[source].Add(connection);
            _in[target].Add(connection);
        }
    }

    private static (string? Activity, string Port) Endpoint(JToken? token, string? flatPort, string defaultPort) => token switch
    {
        JObject nested => ((string?)nested["activity"], (string?)nested["port"] ?? defaultPort),
        { Type: JTokenType.String } => ((string?)token, flatPort ?? defaultPort),
        _ => (null, defaultPort),
    };

    /// <summary>Removes connections that close a loop (reported), so the rest can be read as blocks.</summary>
    public void BreakLoops(string start, ElsaProblemList problems)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var backEdges = new List<ElsaConnection>();
        var stack = new Stack<(string Id, int Next)>();
        foreach (var root in new[] { start }.Concat(Activities.Select(a => a.Id)))
        {
            if (state.ContainsKey(root))
            {
                continue;
            }

            state[root] = 1;
            stack.Push((root, 0));
            while (stack.Count > 0)
            {
                var (id, next) = stack.Pop();
                var edges = _out[id];
                if (next >= edges.Count)
                {
                    state[id] = 2;
                    continue;
                }

                stack.Push((id, next + 1));
                var target = edges[next].Target;
                switch (state.GetValueOrDefault(target))
                {
                    case 0:
                        state[target] = 1;
                        stack.Push((target, 0));
                        break;
                    case 1:
                        backEdges.Add(edges[next]);
                        break;
                }
            }
        }

        foreach (var edge in backEdges)
        {
            var source = ById[edge.Source];
            problems.Add(ElsaProblemCodes.Loop, edge.Path, source.Id, source.Type,
                $"The connection from '{edge.Source}' back to '{edge.Target}' makes a loop; the definition language has none (a supplement is a command on the task, not a path back).");
            _out[edge.Source].Remove(edge);
            _in[edge.Target].Remove(edge);
        }
    }
}
