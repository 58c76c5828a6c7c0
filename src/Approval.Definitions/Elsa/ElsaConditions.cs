using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Approval.Definitions.Conditions;

namespace Approval.Definitions.Elsa;

/// <summary>
/// Our conditions ↔ Elsa JavaScript expressions. Form fields are Elsa workflow variables, so
/// <c>seats &gt; 50 and hasOutdoorSign</c> becomes <c>variables.seats &gt; 50 &amp;&amp; variables.hasOutdoorSign</c>.
/// The way back reads only the JavaScript subset that has a meaning in the condition language
/// (variables, literals, comparisons, <c>&amp;&amp; || !</c>, <c>[…].includes(x)</c>, an optional
/// <c>return …;</c>); anything else is refused with the reason, never guessed.
/// </summary>
public static class ElsaConditions
{
    private static readonly JsonSerializerOptions StringOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JavaScript expression of a condition in our language; null when the source does not parse.</summary>
    public static string? ToJavaScript(string source)
    {
        var node = ConditionParser.Parse(source, out _);
        return node is null ? null : Js(node);
    }

    /// <summary>
    /// The condition (in our language) a JavaScript expression means, or null with
    /// <paramref name="problem"/> saying what has no counterpart.
    /// </summary>
    public static string? FromJavaScript(string javaScript, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(javaScript);
        try
        {
            var node = JavaScriptSubset.Parse(javaScript);
            problem = null;
            return Ours(node);
        }
        catch (FormatException ex)
        {
            problem = ex.Message;
            return null;
        }
    }

    /// <summary>The negation, in our language, of a condition (for a FlowDecision whose only activity is on False).</summary>
    public static string Negate(string source) => $"not ({source})";

    private static string Js(ConditionNode node) => node switch
    {
        LiteralNode l => l.Kind switch
        {
            LiteralKind.Boolean => l.Boolean ? "true" : "false",
            LiteralKind.Number => l.Number.ToString(CultureInfo.InvariantCulture),
            _ => JsonSerializer.Serialize(l.Text, StringOptions),
        },
        FieldNode f => $"variables.{f.Name}",
        NotNode n => $"!{JsOperand(n.Operand)}",
        LogicalNode g => string.Join(g.IsAnd ? " && " : " || ", g.Operands.Select(o => o is LogicalNode ? $"({Js(o)})" : Js(o))),
        ComparisonNode c => $"{JsOperand(c.Left)} {JsOperator(c.Operator)} {JsOperand(c.Right)}",
        InNode i => $"{(i.Negated ? "!" : "")}[{string.Join(", ", i.Items.Select(Js))}].includes({Js(i.Value)})",
        _ => throw new InvalidOperationException($"Unexpected condition node {node.GetType().Name}."),
    };

    private static string JsOperand(ConditionNode node) => node is LiteralNode or FieldNode ? Js(node) : $"({Js(node)})";

    private static string JsOperator(string op) => op switch
    {
        "==" => "===",
        "!=" => "!==",
        _ => op,
    };

    private static string Ours(ConditionNode node) => node switch
    {
        LiteralNode l => l.Kind switch
        {
            LiteralKind.Boolean => l.Boolean ? "true" : "false",
            LiteralKind.Number => l.Number.ToString(CultureInfo.InvariantCulture),
            _ => Quote(l.Text),
        },
        FieldNode f => f.Name,
        NotNode n => $"not {OursOperand(n.Operand)}",
        LogicalNode g => string.Join(g.IsAnd ? " and " : " or ", g.Operands.Select(o => o is LogicalNode ? $"({Ours(o)})" : Ours(o))),
        ComparisonNode c => $"{OursOperand(c.Left)} {c.Operator} {OursOperand(c.Right)}",
        InNode i => $"{OursOperand(i.Value)} {(i.Negated ? "not in" : "in")} [{string.Join(", ", i.Items.Select(Ours))}]",
        _ => throw new InvalidOperationException($"Unexpected condition node {node.GetType().Name}."),
    };

    private static string OursOperand(ConditionNode node) => node is LiteralNode or FieldNode ? Ours(node) : $"({Ours(node)})";

    private static string Quote(string text)
    {
        var quoted = new StringBuilder("'");
        foreach (var c in text)
        {
            if (c is '\'' or '\\')
            {
                quoted.Append('\\');
            }

            quoted.Append(c);
        }

        return quoted.Append('\'').ToString();
    }
}
