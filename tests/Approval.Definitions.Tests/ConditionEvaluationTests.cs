using System.Text.Json;
using Approval.Definitions.Conditions;
using Approval.Definitions.Model;
using FsCheck;
using FsCheck.Fluent;

namespace Approval.Definitions.Tests;

public class ConditionEvaluationTests
{
    private static readonly Dictionary<string, FieldType> Fields = new()
    {
        ["a"] = FieldType.Boolean,
        ["b"] = FieldType.Boolean,
        ["seats"] = FieldType.Integer,
        ["area"] = FieldType.Number,
        ["district"] = FieldType.String,
        ["openedOn"] = FieldType.Date,
    };

    private static Dictionary<string, JsonElement> Data(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private static bool Eval(string source, string json) =>
        ConditionCompiler.Compile(source, Fields).Condition!.Evaluate(Data(json));

    [TestCase("a", """{"a": true}""", true)]
    [TestCase("a", """{"a": false}""", false)]
    [TestCase("not a", """{}""", true)]
    [TestCase("seats > 50", """{"seats": 51}""", true)]
    [TestCase("seats > 50", """{"seats": 50}""", false)]
    [TestCase("seats >= 50 && area < 100.5", """{"seats": 50, "area": 100.25}""", true)]
    [TestCase("district in ['东城', '西城']", """{"district": "西城"}""", true)]
    [TestCase("district not in ['东城', '西城']", """{"district": "西城"}""", false)]
    [TestCase("seats in [1, 2, 3]", """{"seats": 2}""", true)]
    [TestCase("openedOn < '2025-01-01'", """{"openedOn": "2024-12-31"}""", true)]
    [TestCase("openedOn < '2025-01-01'", """{"openedOn": "2025-01-01"}""", false)]
    [TestCase("openedOn == '2025-01-01'", """{"openedOn": "2025-01-01"}""", true)]
    [TestCase("district == 'it\\'s'", """{"district": "it's"}""", true)]
    [TestCase("seats == -2", """{"seats": -2}""", true)]
    public void Evaluates(string source, string data, bool expected) =>
        Assert.That(Eval(source, data), Is.EqualTo(expected));

    // The documented empty values: false, 0, "" and no date.
    [TestCase("a", false)]
    [TestCase("seats == 0", true)]
    [TestCase("district == ''", true)]
    [TestCase("openedOn < '2999-01-01'", false)]
    [TestCase("openedOn > '1900-01-01'", false)]
    [TestCase("openedOn != '2025-01-01'", true)]
    public void Missing_fields_read_as_empty_values(string source, bool expected)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Eval(source, "{}"), Is.EqualTo(expected), "absent");
            Assert.That(Eval(source, """{"a": null, "seats": null, "district": null, "openedOn": null}"""), Is.EqualTo(expected), "null");
            Assert.That(Eval(source, """{"a": "yes", "seats": "ten", "district": 5, "openedOn": "soon"}"""), Is.EqualTo(expected), "wrong kind");
        });
    }

    [Test]
    public void And_or_not_follow_boolean_logic() => Check.QuickThrowOnFailure(Prop.ForAll<bool, bool>(BooleanLogic));

    private static Property BooleanLogic(bool a, bool b)
    {
        var data = new Dictionary<string, JsonElement>
        {
            ["a"] = JsonSerializer.SerializeToElement(a),
            ["b"] = JsonSerializer.SerializeToElement(b),
        };
        bool E(string s) => ConditionCompiler.Compile(s, Fields).Condition!.Evaluate(data);
        return (E("a && b") == (a && b)
                && E("a or b") == (a || b)
                && E("!a") == !a
                && E("not (a and b) == (!a || !b)") == true
                && E("a and not b or b") == ((a && !b) || b))
            .ToProperty();
    }

    [Test]
    public void Number_comparisons_match_decimal_comparisons() => Check.QuickThrowOnFailure(Prop.ForAll<int, int>(NumberComparisons));

    private static Property NumberComparisons(int seats, int threshold)
    {
        var data = new Dictionary<string, JsonElement> { ["seats"] = JsonSerializer.SerializeToElement(seats) };
        bool E(string op) => ConditionCompiler.Compile($"seats {op} {threshold}", Fields).Condition!.Evaluate(data);
        return (E("<") == (seats < threshold) && E("<=") == (seats <= threshold) && E(">") == (seats > threshold)
                && E(">=") == (seats >= threshold) && E("==") == (seats == threshold) && E("!=") == (seats != threshold))
            .ToProperty();
    }

    [Test]
    public void Compiling_arbitrary_text_never_throws() => Check.QuickThrowOnFailure(Prop.ForAll<string?>(CompilesOrExplains));

    private static Property CompilesOrExplains(string? source)
    {
        var result = ConditionCompiler.Compile(source ?? string.Empty, Fields);
        return ((result.Condition is null) != (result.Problems.Count == 0)).ToProperty();
    }
}
