namespace Approval.Definitions.Conditions;

/// <summary>A node of a parsed condition; <see cref="Offset"/> is where it starts in the source, for messages.</summary>
internal abstract record ConditionNode(int Offset);

internal enum LiteralKind
{
    Boolean,
    Number,
    String,
}

internal sealed record LiteralNode(int Offset, LiteralKind Kind, bool Boolean = false, decimal Number = 0, string Text = "") : ConditionNode(Offset);

internal sealed record FieldNode(int Offset, string Name) : ConditionNode(Offset);

internal sealed record NotNode(int Offset, ConditionNode Operand) : ConditionNode(Offset);

/// <summary><c>and</c>/<c>or</c> over any number of operands: chains stay flat, so depth measures real nesting.</summary>
internal sealed record LogicalNode(int Offset, bool IsAnd, IReadOnlyList<ConditionNode> Operands) : ConditionNode(Offset);

internal sealed record ComparisonNode(int Offset, string Operator, int OperatorOffset, ConditionNode Left, ConditionNode Right) : ConditionNode(Offset);

internal sealed record InNode(int Offset, ConditionNode Value, IReadOnlyList<LiteralNode> Items, bool Negated) : ConditionNode(Offset);
