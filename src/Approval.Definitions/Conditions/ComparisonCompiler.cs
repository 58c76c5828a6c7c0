using System.Text.Json;

namespace Approval.Definitions.Conditions;

/// <summary>Builds the evaluator of one comparison between two operands of the same, already checked kind.</summary>
internal static class ComparisonCompiler
{
    public static Func<IReadOnlyDictionary<string, JsonElement>, bool> Compile(string op, ValueKind kind, Delegate left, Delegate right) => kind switch
    {
        ValueKind.Number => Typed<decimal>(op, left, right, (a, b) => a.CompareTo(b)),
        ValueKind.Boolean => Equality<bool>(op, left, right),
        ValueKind.String => Equality<string>(op, left, right),
        _ => Dates(op, left, right),
    };

    private static Func<IReadOnlyDictionary<string, JsonElement>, bool> Typed<T>(string op, Delegate left, Delegate right, Func<T, T, int> compare)
    {
        var l = (Func<IReadOnlyDictionary<string, JsonElement>, T>)left;
        var r = (Func<IReadOnlyDictionary<string, JsonElement>, T>)right;
        var test = Test(op);
        return d => test(compare(l(d), r(d)));
    }

    private static Func<IReadOnlyDictionary<string, JsonElement>, bool> Equality<T>(string op, Delegate left, Delegate right)
    {
        var l = (Func<IReadOnlyDictionary<string, JsonElement>, T>)left;
        var r = (Func<IReadOnlyDictionary<string, JsonElement>, T>)right;
        var comparer = EqualityComparer<T>.Default;
        return op == "==" ? d => comparer.Equals(l(d), r(d)) : d => !comparer.Equals(l(d), r(d));
    }

    // A missing or malformed date is "no date": equal only to no date, and never before or after anything.
    private static Func<IReadOnlyDictionary<string, JsonElement>, bool> Dates(string op, Delegate left, Delegate right)
    {
        if (op is "==" or "!=")
        {
            return Equality<DateOnly?>(op, left, right);
        }

        var l = (Func<IReadOnlyDictionary<string, JsonElement>, DateOnly?>)left;
        var r = (Func<IReadOnlyDictionary<string, JsonElement>, DateOnly?>)right;
        var test = Test(op);
        return d => l(d) is { } a && r(d) is { } b && test(a.CompareTo(b));
    }

    private static Func<int, bool> Test(string op) => op switch
    {
        "==" => c => c == 0,
        "!=" => c => c != 0,
        "<" => c => c < 0,
        "<=" => c => c <= 0,
        ">" => c => c > 0,
        _ => c => c >= 0,
    };
}
