using System.Globalization;
using Approval.Definitions.Loading;

namespace Approval.Definitions.Conditions;

/// <summary>Splits a condition into tokens. Strings are single-quoted (JSON already uses double quotes) with <c>\'</c> and <c>\\</c> escapes.</summary>
internal static class ConditionLexer
{
    private static readonly string[] Operators = ["&&", "||", "==", "!=", "<=", ">=", "<", ">", "!", "(", ")", "[", "]", ","];

    public static List<ConditionToken> Tokenize(string source)
    {
        var tokens = new List<ConditionToken>();
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < source.Length && (char.IsAsciiLetterOrDigit(source[i]) || source[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new ConditionToken(TokenKind.Identifier, source[start..i], start));
            }
            else if (char.IsAsciiDigit(c) || (c == '-' && i + 1 < source.Length && char.IsAsciiDigit(source[i + 1])))
            {
                tokens.Add(ReadNumber(source, ref i));
            }
            else if (c == '\'')
            {
                tokens.Add(ReadString(source, ref i));
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(source, i, o, 0, o.Length) == 0);
                if (op is null)
                {
                    var hint = c switch
                    {
                        '=' => " (use == to compare)",
                        '&' => " (use && or and)",
                        '|' => " (use || or or)",
                        '"' => " (strings use single quotes: 'text')",
                        _ => string.Empty,
                    };
                    throw new ConditionSyntaxException(ErrorCodes.ConditionSyntax, i, $"Unexpected character '{c}' at column {i + 1}{hint}.");
                }

                tokens.Add(new ConditionToken(TokenKind.Operator, op, i));
                i += op.Length;
            }
        }

        tokens.Add(new ConditionToken(TokenKind.End, string.Empty, source.Length));
        return tokens;
    }

    private static ConditionToken ReadNumber(string source, ref int i)
    {
        // A minus sign belongs to a number literal: there is no arithmetic, so no '-' operator.
        var start = i;
        if (source[i] == '-')
        {
            i++;
        }

        while (i < source.Length && char.IsAsciiDigit(source[i]))
        {
            i++;
        }

        if (i + 1 < source.Length && source[i] == '.' && char.IsAsciiDigit(source[i + 1]))
        {
            i++;
            while (i < source.Length && char.IsAsciiDigit(source[i]))
            {
                i++;
            }
        }

        if (i < source.Length && (char.IsAsciiLetter(source[i]) || source[i] == '_'))
        {
            throw new ConditionSyntaxException(ErrorCodes.ConditionSyntax, start, $"Malformed number at column {start + 1}.");
        }

        var text = source[start..i];
        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new ConditionSyntaxException(ErrorCodes.ConditionSyntax, start, $"Number '{text}' at column {start + 1} is too large.");
        }

        return new ConditionToken(TokenKind.Number, text, start, value);
    }

    private static ConditionToken ReadString(string source, ref int i)
    {
        var start = i++;
        var text = new System.Text.StringBuilder();
        while (i < source.Length && source[i] != '\'')
        {
            if (source[i] == '\\' && i + 1 < source.Length && source[i + 1] is '\'' or '\\')
            {
                i++;
            }

            text.Append(source[i++]);
        }

        if (i >= source.Length)
        {
            throw new ConditionSyntaxException(ErrorCodes.ConditionSyntax, start, $"The string starting at column {start + 1} is not closed with '.");
        }

        i++;
        return new ConditionToken(TokenKind.String, text.ToString(), start);
    }
}
