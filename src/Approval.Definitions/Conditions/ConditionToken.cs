namespace Approval.Definitions.Conditions;

internal enum TokenKind
{
    Identifier,
    Number,
    String,
    Operator,
    End,
}

/// <summary>A lexeme of a condition; <see cref="Text"/> is the decoded value for strings.</summary>
internal sealed record ConditionToken(TokenKind Kind, string Text, int Offset, decimal Number = 0)
{
    public bool Is(string op) => Kind is TokenKind.Operator or TokenKind.Identifier && Text == op;
}
