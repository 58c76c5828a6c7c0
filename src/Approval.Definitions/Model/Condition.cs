using System.Text.Json;

namespace Approval.Definitions.Model;

/// <summary>
/// A compiled condition over a case's form data (e.g. <c>hasOutdoorSign</c> or <c>seats &gt; 50</c>).
/// Built only by the condition compiler after parsing and type-checking against the declared
/// fields, so evaluation cannot meet an unknown field or a type error.
/// </summary>
/// <remarks>Immutable and thread safe: one instance serves every case of its definition version.</remarks>
public sealed class Condition
{
    private readonly Func<IReadOnlyDictionary<string, JsonElement>, bool> _evaluate;

    public Condition(string source, Func<IReadOnlyDictionary<string, JsonElement>, bool> evaluate)
    {
        Source = source;
        _evaluate = evaluate;
    }

    /// <summary>The expression as the analyst wrote it.</summary>
    public string Source { get; }

    /// <summary>Evaluates the condition; a field absent from <paramref name="data"/> reads as its type's empty value.</summary>
    public bool Evaluate(IReadOnlyDictionary<string, JsonElement> data) => _evaluate(data);

    public override string ToString() => Source;
}
