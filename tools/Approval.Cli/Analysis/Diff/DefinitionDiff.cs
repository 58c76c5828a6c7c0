using Approval.Definitions.Diagrams;
using Approval.Definitions.Model;

namespace Approval.Cli.Analysis.Diff;

/// <summary>
/// Compares two versions of a definition by stable id: steps by step id (added, removed, changed
/// properties, moved to another block or to another place among their siblings), fields by name,
/// materials by id, and the definition's own settings. Ids are what audit records and statistics
/// key on, so a renamed id reads as one step removed and another added — which is what it is.
/// </summary>
internal static class DefinitionDiff
{
    private const string TopLevel = "(top level)";

    /// <summary>Every difference, definition settings first, then fields, materials and steps in the new version's order (removed steps last).</summary>
    public static IReadOnlyList<DefinitionChange> Compare(WorkflowDefinition before, WorkflowDefinition after)
    {
        var changes = new List<DefinitionChange>();
        CompareDefinition(before, after, changes);
        CompareFields(before, after, changes);
        CompareMaterials(before, after, changes);
        CompareSteps(before, after, changes);
        return changes;
    }

    private static void CompareDefinition(WorkflowDefinition a, WorkflowDefinition b, List<DefinitionChange> changes)
    {
        Property(changes, "definition", "id", a.Id, b.Id);
        Property(changes, "definition", "name", a.Name, b.Name);
        Property(changes, "definition", "description", a.Description, b.Description);
        Property(changes, "definition", "timeLimit", a.TimeLimit?.ToString(), b.TimeLimit?.ToString());
        Property(changes, "definition", "warning", StepTree.Describe(a.Warning), StepTree.Describe(b.Warning));
        Property(changes, "definition", "maxExtensionWorkingDays", a.MaxExtensionWorkingDays.ToString(), b.MaxExtensionWorkingDays.ToString());
    }

    private static void CompareFields(WorkflowDefinition a, WorkflowDefinition b, List<DefinitionChange> changes)
    {
        foreach (var (name, type) in b.Fields)
        {
            if (!a.Fields.TryGetValue(name, out var old)) changes.Add(new(ChangeKind.Added, $"field {name}", After: Type(type)));
            else Property(changes, $"field {name}", "type", Type(old), Type(type));
        }

        foreach (var (name, type) in a.Fields.Where(f => !b.Fields.ContainsKey(f.Key)))
        {
            changes.Add(new(ChangeKind.Removed, $"field {name}", Before: Type(type)));
        }
    }

    private static void CompareMaterials(WorkflowDefinition a, WorkflowDefinition b, List<DefinitionChange> changes)
    {
        var old = a.Materials.ToDictionary(m => m.Id, StringComparer.Ordinal);
        foreach (var m in b.Materials)
        {
            if (!old.TryGetValue(m.Id, out var o))
            {
                changes.Add(new(ChangeKind.Added, $"material {m.Id}", After: Material(m)));
                continue;
            }

            Property(changes, $"material {m.Id}", "name", o.Name, m.Name);
            Property(changes, $"material {m.Id}", "required", Bool(o.Required), Bool(m.Required));
            Property(changes, $"material {m.Id}", "deferrable", Bool(o.Deferrable), Bool(m.Deferrable));
        }

        var kept = b.Materials.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var m in a.Materials.Where(m => !kept.Contains(m.Id))) changes.Add(new(ChangeKind.Removed, $"material {m.Id}", Before: Material(m)));
    }

    /// <summary>A step with where it sits: its parent block's id and its index among its siblings.</summary>
    private sealed record Placed(StepDefinition Step, string Parent, List<string> Siblings);

    private static void CompareSteps(WorkflowDefinition a, WorkflowDefinition b, List<DefinitionChange> changes)
    {
        var old = Index(a.Steps);
        var now = Index(b.Steps);
        foreach (var (id, placed) in now)
        {
            if (!old.TryGetValue(id, out var was))
            {
                changes.Add(new(ChangeKind.Added, $"step {id}", After: $"{StepTree.Kind(placed.Step)} {placed.Step.Name} in {placed.Parent}"));
                continue;
            }

            var before = Properties(was.Step);
            var after = Properties(placed.Step);
            foreach (var key in after.Keys.Union(before.Keys))
            {
                Property(changes, $"step {id}", key, before.GetValueOrDefault(key), after.GetValueOrDefault(key));
            }

            if (was.Parent != placed.Parent)
            {
                changes.Add(new(ChangeKind.Moved, $"step {id}", "parent", was.Parent, placed.Parent));
            }
            else if (!InOrder(placed.Parent, old, now).Contains(id))
            {
                changes.Add(new(ChangeKind.Moved, $"step {id}", $"position in {placed.Parent}", $"{OrderAmongKept(was, old, now) + 1}", $"{OrderAmongKept(placed, now, old) + 1}"));
            }
        }

        foreach (var (id, placed) in old.Where(s => !now.ContainsKey(s.Key)))
        {
            changes.Add(new(ChangeKind.Removed, $"step {id}", Before: $"{StepTree.Kind(placed.Step)} {placed.Step.Name} in {placed.Parent}"));
        }
    }

    /// <summary>
    /// The siblings under <paramref name="parent"/> that kept their relative order: the longest
    /// common subsequence of the kept siblings in both versions. Only the others moved — swapping
    /// one step to the front moves that step, not every step it jumped over.
    /// </summary>
    private static HashSet<string> InOrder(string parent, Dictionary<string, Placed> old, Dictionary<string, Placed> now)
    {
        var a = Kept(parent, old, now);
        var b = Kept(parent, now, old);
        var lengths = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
        {
            for (var j = b.Count - 1; j >= 0; j--)
            {
                lengths[i, j] = a[i] == b[j] ? lengths[i + 1, j + 1] + 1 : Math.Max(lengths[i + 1, j], lengths[i, j + 1]);
            }
        }

        var kept = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            if (a[i] == b[j])
            {
                kept.Add(a[i]);
                i++;
                j++;
            }
            else if (lengths[i + 1, j] >= lengths[i, j + 1])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return kept;
    }

    /// <summary>The children of <paramref name="parent"/> in <paramref name="own"/> that sit under the same parent in <paramref name="other"/>, in order.</summary>
    private static List<string> Kept(string parent, Dictionary<string, Placed> own, Dictionary<string, Placed> other) =>
        [.. own.Values.Where(p => p.Parent == parent).OrderBy(p => p.Siblings.IndexOf(p.Step.Id)).Select(p => p.Step.Id).Where(id => other.TryGetValue(id, out var o) && o.Parent == parent)];

    private static int OrderAmongKept(Placed step, Dictionary<string, Placed> own, Dictionary<string, Placed> other) =>
        step.Siblings.Where(s => other.TryGetValue(s, out var o) && o.Parent == own[s].Parent).ToList().IndexOf(step.Step.Id);

    private static Dictionary<string, Placed> Index(IReadOnlyList<StepDefinition> steps)
    {
        var index = new Dictionary<string, Placed>(StringComparer.Ordinal);
        void Walk(IEnumerable<StepDefinition> children, string parent)
        {
            var list = children.ToList();
            var ids = list.Select(s => s.Id).ToList();
            foreach (var step in list)
            {
                index.TryAdd(step.Id, new Placed(step, parent, ids));
                Walk(step.Children, step.Id);
            }
        }

        Walk(steps, TopLevel);
        return index;
    }

    /// <summary>The properties an analyst edits on a step, as display strings; absent ones are left out.</summary>
    private static Dictionary<string, string?> Properties(StepDefinition step)
    {
        var p = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["type"] = StepTree.Kind(step),
            ["name"] = step.Name,
            ["when"] = step.When?.Source,
        };
        switch (step)
        {
            case TaskStepDefinition t:
                p["department"] = t.Department;
                p["role"] = t.Role;
                p["timeLimit"] = t.TimeLimit.ToString();
                p["warning"] = t.Warning is null ? "(inherited)" : StepTree.Describe(t.Warning);
                p["onOverdue"] = t.OnOverdue.ToString().ToLowerInvariant();
                p["maxExtensionWorkingDays"] = t.MaxExtensionWorkingDays.ToString();
                p["supplementRounds"] = t.SupplementRounds.ToString();
                break;
            case ParallelStepDefinition par:
                p["join"] = StepTree.Describe(par.Join);
                break;
        }

        return p;
    }

    private static void Property(List<DefinitionChange> changes, string subject, string property, string? before, string? after)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal)) changes.Add(new(ChangeKind.Changed, subject, property, before, after));
    }

    private static string Type(FieldType type) => type.ToString().ToLowerInvariant();

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Material(MaterialDefinition m) =>
        $"{m.Name}{(m.Required ? ", required" : "")}{(m.Deferrable ? ", deferrable" : "")}";
}
