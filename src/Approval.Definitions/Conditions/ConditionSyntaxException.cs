namespace Approval.Definitions.Conditions;

/// <summary>Raised inside the lexer and parser only, and turned into a <see cref="ConditionProblem"/> at their boundary.</summary>
internal sealed class ConditionSyntaxException(string code, int offset, string message) : Exception(message)
{
    public ConditionProblem Problem { get; } = new(code, offset, message);
}
