using Approval.Definitions.Loading;

namespace Approval.Definitions.Conditions;

/// <summary>
/// Recursive-descent parser for the condition grammar (see docs/definition-language.md):
/// <code>
/// or         := and (("||" | "or") and)*
/// and        := unary (("&amp;&amp;" | "and") unary)*
/// unary      := ("!" | "not") unary | comparison
/// comparison := primary (("==" | "!=" | "&lt;" | "&lt;=" | "&gt;" | "&gt;=") primary | "not"? "in" list)?
/// primary    := literal | field | "(" or ")"
/// list       := "[" (literal ("," literal)*)? "]"
/// literal    := "true" | "false" | "-"? number | 'string'
/// </code>
/// Enforces <see cref="ConditionLimits"/> so that nothing unbounded reaches evaluation.
/// </summary>
internal sealed class ConditionParser
{
    private static readonly string[] Keywords = ["and", "or", "not", "in", "true", "false"];
    private static readonly string[] ComparisonOperators = ["==", "!=", "<=", ">=", "<", ">"];

    private readonly List<ConditionToken> _tokens;
    private int _position;
    private int _depth;

    private ConditionParser(List<ConditionToken> tokens) => _tokens = tokens;

    public static bool IsKeyword(string name) => Keywords.Contains(name);

    /// <summary>Parses <paramref name="source"/>; on failure returns null and the first problem.</summary>
    public static ConditionNode? Parse(string source, out ConditionProblem? problem)
    {
        problem = null;
        if (source.Length > ConditionLimits.MaxLength)
        {
            problem = new ConditionProblem(ErrorCodes.ConditionTooComplex, ConditionLimits.MaxLength,
                $"The condition is {source.Length} characters long; at most {ConditionLimits.MaxLength} are allowed. Split the logic into fields or steps.");
            return null;
        }

        try
        {
            var parser = new ConditionParser(ConditionLexer.Tokenize(source));
            if (parser.Peek.Kind == TokenKind.End)
            {
                throw new ConditionSyntaxException(ErrorCodes.ConditionSyntax, 0, "The condition is empty.");
            }

            var node = parser.ParseOr();
            if (parser.Peek.Kind != TokenKind.End)
            {
                throw parser.Unexpected("an operator such as and, or, == or the end of the condition");
            }

            return node;
        }
        catch (ConditionSyntaxException ex)
        {
            problem = ex.Problem;
            return null;
        }
    }

    private ConditionToken Peek => _tokens[_position];

    private ConditionToken Next() => _tokens[_position++];

    private ConditionNode ParseOr()
    {
        var first = ParseAnd();
        if (!(Peek.Is("||") || Peek.Is("or")))
        {
            return first;
        }

        var operands = new List<ConditionNode> { first };
        while (Peek.Is("||") || Peek.Is("or"))
        {
            Next();
            operands.Add(ParseAnd());
        }

        return new LogicalNode(first.Offset, IsAnd: false, operands);
    }

    private ConditionNode ParseAnd()
    {
        var first = ParseUnary();
        if (!(Peek.Is("&&") || Peek.Is("and")))
        {
            return first;
        }

        var operands = new List<ConditionNode> { first };
        while (Peek.Is("&&") || Peek.Is("and"))
        {
            Next();
            operands.Add(ParseUnary());
        }

        return new LogicalNode(first.Offset, IsAnd: true, operands);
    }

    private ConditionNode ParseUnary()
    {
        if (Peek.Is("!") || Peek.Is("not"))
        {
            var token = Next();
            Enter(token.Offset);
            var operand = ParseUnary();
            _depth--;
            return new NotNode(token.Offset, operand);
        }

        return ParseComparison();
    }

    private ConditionNode ParseComparison()
    {
        var left = ParsePrimary();
        var op = Peek;
        if (op.Kind == TokenKind.Operator && ComparisonOperators.Contains(op.Text))
        {
            Next();
            var right = ParsePrimary();
            return new ComparisonNode(left.Offset, op.Text, op.Offset, left, right);
        }

        var negated = false;
        if (op.Is("not") && _tokens[_position + 1].Is("in"))
        {
            Next();
            negated = true;
        }

        if (Peek.Is("in"))
        {
            Next();
            return new InNode(left.Offset, left, ParseList(), negated);
        }

        return left;
    }

    private ConditionNode ParsePrimary()
    {
        var token = Peek;
        if (token.Is("("))
        {
            Next();
            Enter(token.Offset);
            var inner = ParseOr();
            _depth--;
            if (!Peek.Is(")"))
            {
                throw Unexpected($"')' to close the '(' at column {token.Offset + 1}");
            }

            Next();
            return inner;
        }

        if (token.Kind == TokenKind.Identifier && !IsKeyword(token.Text))
        {
            Next();
            return new FieldNode(token.Offset, token.Text);
        }

        return ParseLiteral("a field name, a value or '('");
    }

    private LiteralNode ParseLiteral(string expected)
    {
        var token = Peek;
        switch (token.Kind)
        {
            case TokenKind.Identifier when token.Text is "true" or "false":
                Next();
                return new LiteralNode(token.Offset, LiteralKind.Boolean, Boolean: token.Text == "true");
            case TokenKind.Number:
                Next();
                return new LiteralNode(token.Offset, LiteralKind.Number, Number: token.Number);
            case TokenKind.String:
                Next();
                return new LiteralNode(token.Offset, LiteralKind.String, Text: token.Text);
        }

        throw Unexpected(expected);
    }

    private List<LiteralNode> ParseList()
    {
        var open = Peek;
        if (!open.Is("["))
        {
            throw Unexpected("'[' to start the list after 'in'");
        }

        Next();
        var items = new List<LiteralNode>();
        if (Peek.Is("]"))
        {
            Next();
            return items;
        }

        while (true)
        {
            items.Add(ParseLiteral("a value (true, false, a number or a 'string') in the list"));
            if (Peek.Is(","))
            {
                Next();
                continue;
            }

            if (Peek.Is("]"))
            {
                Next();
                return items;
            }

            throw Unexpected($"',' or ']' to close the list opened at column {open.Offset + 1}");
        }
    }

    private void Enter(int offset)
    {
        if (++_depth > ConditionLimits.MaxDepth)
        {
            throw new ConditionSyntaxException(ErrorCodes.ConditionTooComplex, offset,
                $"The condition nests deeper than {ConditionLimits.MaxDepth} levels at column {offset + 1}.");
        }
    }

    private ConditionSyntaxException Unexpected(string expected)
    {
        var token = Peek;
        var found = token.Kind switch
        {
            TokenKind.End => "the end of the condition",
            TokenKind.String => $"'{token.Text}'",
            _ => $"'{token.Text}'",
        };
        return new ConditionSyntaxException(ErrorCodes.ConditionSyntax, token.Offset, $"Expected {expected} at column {token.Offset + 1}, found {found}.");
    }
}
