using System.Globalization;
using System.Text;
using Approval.Definitions.Conditions;

namespace Approval.Definitions.Elsa;

/// <summary>
/// A parser for the JavaScript a condition can be written in, producing the condition language's
/// own syntax tree. Throws <see cref="FormatException"/> with a readable reason for anything else
/// (function calls other than <c>includes</c>, assignments, ternaries, property paths…).
/// </summary>
internal sealed class JavaScriptSubset
{
    private const int MaxLength = 2000;
    private static readonly string[] MultiCharacter = ["===", "!==", "==", "!=", "<=", ">=", "&&", "||"];
    private static readonly (string Js, string Ours)[] Comparisons = [("===", "=="), ("!==", "!="), ("==", "=="), ("!=", "!="), ("<=", "<="), (">=", ">="), ("<", "<"), (">", ">")];
    private readonly List<(string Kind, string Text)> _tokens;
    private int _position;
    private int _depth;

    private JavaScriptSubset(List<(string Kind, string Text)> tokens) => _tokens = tokens;

    public static ConditionNode Parse(string javaScript)
    {
        var text = javaScript.Trim();
        if (text.Length > MaxLength)
        {
            throw new FormatException($"the expression is {text.Length} characters long; at most {MaxLength} are read.");
        }

        if (text.StartsWith("return ", StringComparison.Ordinal) || text.StartsWith("return(", StringComparison.Ordinal))
        {
            text = text["return".Length..].Trim();
        }

        text = text.TrimEnd().TrimEnd(';').TrimEnd();
        if (text.Length == 0)
        {
            throw new FormatException("the expression is empty.");
        }

        var parser = new JavaScriptSubset(Tokenize(text));
        var node = parser.Or();
        if (parser.Peek.Kind != "end")
        {
            throw new FormatException($"'{parser.Peek.Text}' is not understood here; only variables.<field>, literals, comparisons, &&, ||, ! and [..].includes(..) map onto a condition.");
        }

        return node;
    }

    private (string Kind, string Text) Peek => _tokens[_position];

    private (string Kind, string Text) Next() => _tokens[_position++];

    private bool Accept(string text)
    {
        if (Peek.Kind == "op" && Peek.Text == text)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(string text)
    {
        if (!Accept(text))
        {
            throw new FormatException($"expected '{text}' but found '{(Peek.Kind == "end" ? "the end" : Peek.Text)}'.");
        }
    }

    private ConditionNode Or()
    {
        Enter();
        var operands = new List<ConditionNode> { And() };
        while (Accept("||"))
        {
            operands.Add(And());
        }

        _depth--;
        return operands.Count == 1 ? operands[0] : new LogicalNode(0, IsAnd: false, operands);
    }

    private ConditionNode And()
    {
        var operands = new List<ConditionNode> { Comparison() };
        while (Accept("&&"))
        {
            operands.Add(Comparison());
        }

        return operands.Count == 1 ? operands[0] : new LogicalNode(0, IsAnd: true, operands);
    }

    // As in JavaScript, '!' binds tighter than a comparison: !a === b is (!a) === b.
    private ConditionNode Comparison()
    {
        var left = Unary();
        foreach (var (js, ours) in Comparisons)
        {
            if (Accept(js))
            {
                return new ComparisonNode(0, ours, 0, left, Unary());
            }
        }

        return left;
    }

    private ConditionNode Unary()
    {
        if (!Accept("!"))
        {
            return Primary();
        }

        Enter();
        var operand = Unary();
        _depth--;
        return operand is InNode { Negated: false } inNode ? inNode with { Negated = true } : new NotNode(0, operand);
    }

    private ConditionNode Primary()
    {
        var token = Next();
        switch (token.Kind)
        {
            case "number":
                return new LiteralNode(0, LiteralKind.Number, Number: decimal.Parse(token.Text, NumberStyles.Float, CultureInfo.InvariantCulture));
            case "string":
                return new LiteralNode(0, LiteralKind.String, Text: token.Text);
            case "op" when token.Text == "-" && Peek.Kind == "number":
                return new LiteralNode(0, LiteralKind.Number, Number: -decimal.Parse(Next().Text, NumberStyles.Float, CultureInfo.InvariantCulture));
            case "op" when token.Text == "(":
                {
                    var inner = Or();
                    Expect(")");
                    return inner;
                }

            case "op" when token.Text == "[":
                return Includes();
            case "name" when token.Text is "true" or "false":
                return new LiteralNode(0, LiteralKind.Boolean, Boolean: token.Text == "true");
            case "name" when token.Text == "variables":
                if (Accept("."))
                {
                    return Field(Next(), "name");
                }

                Expect("[");
                var quoted = Field(Next(), "string");
                Expect("]");
                return quoted;
            case "name" when token.Text == "getVariable":
                {
                    Expect("(");
                    var field = Field(Next(), "string");
                    Expect(")");
                    return field;
                }

            case "end":
                throw new FormatException("the expression ends too early.");
            default:
                throw new FormatException($"'{token.Text}' has no counterpart in a condition; read case data as variables.<field>.");
        }
    }

    private static FieldNode Field((string Kind, string Text) token, string kind) =>
        token.Kind == kind && token.Text.Length > 0
            ? new FieldNode(0, token.Text)
            : throw new FormatException($"expected a variable name after 'variables', found '{token.Text}'.");

    private InNode Includes()
    {
        var items = new List<LiteralNode>();
        if (!Accept("]"))
        {
            do
            {
                items.Add(Primary() as LiteralNode ?? throw new FormatException("the list before .includes(..) may hold only literals."));
            }
            while (Accept(","));
            Expect("]");
        }

        Expect(".");
        var method = Next();
        if (method.Text != "includes")
        {
            throw new FormatException($"'[..].{method.Text}' has no counterpart; only [..].includes(x) does (x in [..]).");
        }

        Expect("(");
        var value = Primary();
        Expect(")");
        return new InNode(0, value, items, Negated: false);
    }

    private void Enter()
    {
        if (++_depth > 32)
        {
            throw new FormatException("the expression nests more than 32 levels.");
        }
    }

    private static List<(string Kind, string Text)> Tokenize(string text)
    {
        var tokens = new List<(string, string)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                tokens.Add(("number", text[start..i]));
            }
            else if (char.IsAsciiLetter(c) || c is '_' or '$')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '$'))
                {
                    i++;
                }

                tokens.Add(("name", text[start..i]));
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(("string", ReadString(text, ref i)));
            }
            else
            {
                var op = MultiCharacter.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                    ?? (c is '<' or '>' or '!' or '(' or ')' or '[' or ']' or ',' or '.' or '-' ? c.ToString() : null)
                    ?? throw new FormatException($"'{c}' has no counterpart in a condition.");
                tokens.Add(("op", op));
                i += op.Length;
            }
        }

        tokens.Add(("end", ""));
        return tokens;
    }

    private static string ReadString(string text, ref int i)
    {
        var quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                value.Append(text[i] switch { 'n' => '\n', 't' => '\t', _ => text[i] });
            }
            else
            {
                value.Append(text[i]);
            }

            i++;
        }

        if (i >= text.Length)
        {
            throw new FormatException("a string is not closed.");
        }

        i++;
        return value.ToString();
    }
}
