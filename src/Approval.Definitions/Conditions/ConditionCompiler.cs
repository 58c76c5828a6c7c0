using Approval.Definitions.Model;

namespace Approval.Definitions.Conditions;

/// <summary>
/// The entry point of the condition language: parses, type-checks against the declared fields and
/// compiles a condition such as <c>hasOutdoorSign and seats &gt; 50</c> into a <see cref="Condition"/>.
/// </summary>
/// <remarks>Stateless and thread safe; the resulting <see cref="Condition"/> is immutable and thread safe too.</remarks>
public static class ConditionCompiler
{
    /// <summary>
    /// Compiles <paramref name="source"/>. On success <see cref="ConditionCompilation.Condition"/>
    /// is set and <see cref="ConditionCompilation.Problems"/> is empty; otherwise the condition is
    /// null and the problems say what is wrong and where (the first syntax problem, or every type problem).
    /// </summary>
    public static ConditionCompilation Compile(string source, IReadOnlyDictionary<string, FieldType> fields)
    {
        var tree = ConditionParser.Parse(source, out var syntax);
        if (tree is null)
        {
            return new ConditionCompilation(null, [syntax!]);
        }

        var binder = new ConditionBinder(fields);
        var evaluate = binder.BindCondition(tree);
        return evaluate is null
            ? new ConditionCompilation(null, binder.Problems)
            : new ConditionCompilation(new Condition(source, evaluate), []);
    }

    /// <summary>True when <paramref name="name"/> is a reserved word and so cannot name a field.</summary>
    public static bool IsReserved(string name) => ConditionParser.IsKeyword(name);
}

/// <summary>The outcome of <see cref="ConditionCompiler.Compile"/>.</summary>
public sealed record ConditionCompilation(Condition? Condition, IReadOnlyList<ConditionProblem> Problems);
