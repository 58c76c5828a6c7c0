using System.Globalization;
using System.Text.Json;
using Approval.Definitions.Loading;
using Approval.Definitions.Model;

namespace Approval.Definitions.Conditions;

/// <summary>
/// Type-checks a parsed condition against the declared fields and, in the same walk, compiles it
/// into closures: one delegate per node, typed by the node's value kind. Compiling to closures
/// rather than expression trees keeps evaluation allocation-free and needs no code generation.
/// Reports every type problem it finds; the result is used only when there are none.
/// </summary>
internal sealed class ConditionBinder(IReadOnlyDictionary<string, FieldType> fields)
{
    private readonly List<ConditionProblem> _problems = [];

    public IReadOnlyList<ConditionProblem> Problems => _problems;

    public Func<IReadOnlyDictionary<string, JsonElement>, bool>? BindCondition(ConditionNode root)
    {
        var bound = Bind(root);
        if (bound is null)
        {
            return null;
        }

        if (bound.Kind != ValueKind.Boolean)
        {
            Problem(ErrorCodes.ConditionType, root.Offset,
                $"A condition must be true or false, but {Describe(root, bound)} is {Loading.Wording.A(Name(bound.Kind))}; compare it, e.g. {Example(root, bound)}.");
            return null;
        }

        return _problems.Count == 0 ? (Func<IReadOnlyDictionary<string, JsonElement>, bool>)bound.Evaluate : null;
    }

    private Bound? Bind(ConditionNode node) => node switch
    {
        LiteralNode literal => BindLiteral(literal),
        FieldNode field => BindField(field),
        NotNode not => BindNot(not),
        LogicalNode logical => BindLogical(logical),
        ComparisonNode comparison => BindComparison(comparison),
        InNode @in => BindIn(@in),
        _ => throw new InvalidOperationException($"Unknown condition node {node.GetType().Name}."),
    };

    private static Bound BindLiteral(LiteralNode literal) => literal.Kind switch
    {
        LiteralKind.Boolean => new Bound(ValueKind.Boolean, Constant(literal.Boolean)),
        LiteralKind.Number => new Bound(ValueKind.Number, Constant(literal.Number)),
        _ => new Bound(ValueKind.String, Constant(literal.Text), literal),
    };

    private Bound? BindField(FieldNode node)
    {
        var name = node.Name;
        if (!fields.TryGetValue(name, out var type))
        {
            var guess = Suggest(name);
            Problem(ErrorCodes.ConditionUnknownField, node.Offset,
                $"Field '{name}' is not declared in 'fields'{(guess is null ? string.Empty : $"; did you mean '{guess}'?")}.");
            return null;
        }

        return type switch
        {
            FieldType.Boolean => new Bound(ValueKind.Boolean, new Func<IReadOnlyDictionary<string, JsonElement>, bool>(d => FormValues.Boolean(d, name))),
            FieldType.Integer or FieldType.Number => new Bound(ValueKind.Number, new Func<IReadOnlyDictionary<string, JsonElement>, decimal>(d => FormValues.Number(d, name))),
            FieldType.String => new Bound(ValueKind.String, new Func<IReadOnlyDictionary<string, JsonElement>, string>(d => FormValues.String(d, name))),
            _ => new Bound(ValueKind.Date, new Func<IReadOnlyDictionary<string, JsonElement>, DateOnly?>(d => FormValues.Date(d, name))),
        };
    }

    private Bound? BindNot(NotNode node)
    {
        var operand = Bind(node.Operand);
        if (operand is null)
        {
            return null;
        }

        if (operand.Kind != ValueKind.Boolean)
        {
            Problem(ErrorCodes.ConditionType, node.Offset, $"'not' needs a true/false value, but {Describe(node.Operand, operand)} is {Loading.Wording.A(Name(operand.Kind))}.");
            return null;
        }

        var f = (Func<IReadOnlyDictionary<string, JsonElement>, bool>)operand.Evaluate;
        return new Bound(ValueKind.Boolean, new Func<IReadOnlyDictionary<string, JsonElement>, bool>(d => !f(d)));
    }

    private Bound? BindLogical(LogicalNode node)
    {
        var operands = new List<Func<IReadOnlyDictionary<string, JsonElement>, bool>>();
        var ok = true;
        foreach (var operandNode in node.Operands)
        {
            var operand = Bind(operandNode);
            if (operand is null)
            {
                ok = false;
            }
            else if (operand.Kind != ValueKind.Boolean)
            {
                Problem(ErrorCodes.ConditionType, operandNode.Offset,
                    $"'{(node.IsAnd ? "and" : "or")}' joins true/false values, but {Describe(operandNode, operand)} is {Loading.Wording.A(Name(operand.Kind))}.");
                ok = false;
            }
            else
            {
                operands.Add((Func<IReadOnlyDictionary<string, JsonElement>, bool>)operand.Evaluate);
            }
        }

        if (!ok)
        {
            return null;
        }

        var all = operands.ToArray();
        return node.IsAnd
            ? new Bound(ValueKind.Boolean, new Func<IReadOnlyDictionary<string, JsonElement>, bool>(d => Array.TrueForAll(all, f => f(d))))
            : new Bound(ValueKind.Boolean, new Func<IReadOnlyDictionary<string, JsonElement>, bool>(d => Array.Exists(all, f => f(d))));
    }

    private Bound? BindComparison(ComparisonNode node)
    {
        var left = Bind(node.Left);
        var right = Bind(node.Right);
        if (left is null || right is null)
        {
            return null;
        }

        // A 'YYYY-MM-DD' string literal facing a date is a date literal.
        left = CoerceToDate(left, right.Kind);
        right = CoerceToDate(right, left?.Kind ?? ValueKind.String);
        if (left is null || right is null)
        {
            return null;
        }

        if (left.Kind != right.Kind)
        {
            Problem(ErrorCodes.ConditionType, node.OperatorOffset,
                $"'{node.Operator}' cannot compare {Describe(node.Left, left)} ({Name(left.Kind)}) with {Describe(node.Right, right)} ({Name(right.Kind)}).");
            return null;
        }

        var ordering = node.Operator is "<" or "<=" or ">" or ">=";
        if (ordering && left.Kind is ValueKind.Boolean or ValueKind.String)
        {
            Problem(ErrorCodes.ConditionType, node.OperatorOffset,
                $"'{node.Operator}' orders numbers or dates, not {Name(left.Kind)}s; use == or != or 'in [...]'.");
            return null;
        }

        return new Bound(ValueKind.Boolean, ComparisonCompiler.Compile(node.Operator, left.Kind, left.Evaluate, right.Evaluate));
    }

    private Bound? BindIn(InNode node)
    {
        var value = Bind(node.Value);
        if (value is null)
        {
            return null;
        }

        var items = new List<Bound>();
        foreach (var item in node.Items)
        {
            var bound = CoerceToDate(BindLiteral(item), value.Kind);
            if (bound is null)
            {
                continue;
            }

            if (bound.Kind != value.Kind)
            {
                Problem(ErrorCodes.ConditionType, item.Offset,
                    $"The list holds {Describe(item, bound)} ({Name(bound.Kind)}), but {Describe(node.Value, value)} is {Loading.Wording.A(Name(value.Kind))}.");
                continue;
            }

            items.Add(bound);
        }

        if (items.Count != node.Items.Count)
        {
            return null;
        }

        var compare = items.Select(i => ComparisonCompiler.Compile("==", value.Kind, value.Evaluate, i.Evaluate)).ToArray();
        return node.Negated
            ? new Bound(ValueKind.Boolean, new Func<IReadOnlyDictionary<string, JsonElement>, bool>(d => !Array.Exists(compare, f => f(d))))
            : new Bound(ValueKind.Boolean, new Func<IReadOnlyDictionary<string, JsonElement>, bool>(d => Array.Exists(compare, f => f(d))));
    }

    private Bound? CoerceToDate(Bound operand, ValueKind other)
    {
        if (other != ValueKind.Date || operand.Literal is not { Kind: LiteralKind.String } literal)
        {
            return operand;
        }

        if (FormValues.ParseDate(literal.Text) is not { } date)
        {
            Problem(ErrorCodes.ConditionType, literal.Offset, $"'{literal.Text}' is compared with a date but is not a date written YYYY-MM-DD.");
            return null;
        }

        return new Bound(ValueKind.Date, Constant<DateOnly?>(date));
    }

    private void Problem(string code, int offset, string message) => _problems.Add(new ConditionProblem(code, offset, message));

    private string? Suggest(string name) =>
        fields.Keys
            .Select(k => (Key: k, Distance: Levenshtein(k.ToLowerInvariant(), name.ToLowerInvariant())))
            .Where(x => x.Distance <= Math.Max(2, name.Length / 3))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Key, StringComparer.Ordinal)
            .Select(x => x.Key)
            .FirstOrDefault();

    private static int Levenshtein(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static string Describe(ConditionNode node, Bound bound) => node switch
    {
        FieldNode f => $"field '{f.Name}'",
        LiteralNode { Kind: LiteralKind.String } l => $"'{l.Text}'",
        LiteralNode { Kind: LiteralKind.Number } l => l.Number.ToString(CultureInfo.InvariantCulture),
        LiteralNode { Kind: LiteralKind.Boolean } l => l.Boolean ? "true" : "false",
        _ => $"the expression at column {node.Offset + 1} ({Name(bound.Kind)})",
    };

    private static string Example(ConditionNode node, Bound bound)
    {
        var subject = node is FieldNode f ? f.Name : "(...)";
        return bound.Kind switch
        {
            ValueKind.Number => $"{subject} > 0",
            ValueKind.Date => $"{subject} >= '2025-01-01'",
            _ => $"{subject} == 'value'",
        };
    }

    private static string Name(ValueKind kind) => kind switch
    {
        ValueKind.Boolean => "true/false value",
        ValueKind.Number => "number",
        ValueKind.String => "string",
        _ => "date",
    };

    private static Func<IReadOnlyDictionary<string, JsonElement>, T> Constant<T>(T value) => _ => value;
}

internal enum ValueKind
{
    Boolean,
    Number,
    String,
    Date,
}

/// <summary>A type-checked node: its kind, its compiled evaluator, and the literal it came from (string literals may become dates).</summary>
internal sealed record Bound(ValueKind Kind, Delegate Evaluate, LiteralNode? Literal = null);
