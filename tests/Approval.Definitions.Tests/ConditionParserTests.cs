using Approval.Definitions.Conditions;
using Approval.Definitions.Loading;
using Approval.Definitions.Model;

namespace Approval.Definitions.Tests;

public class ConditionParserTests
{
    private static readonly Dictionary<string, FieldType> Fields = new()
    {
        ["hasSign"] = FieldType.Boolean,
        ["seats"] = FieldType.Integer,
        ["area"] = FieldType.Number,
        ["district"] = FieldType.String,
        ["openedOn"] = FieldType.Date,
    };

    [TestCase("hasSign")]
    [TestCase("!hasSign")]
    [TestCase("not hasSign")]
    [TestCase("hasSign && seats > 50")]
    [TestCase("hasSign and seats >= 50 or area < 12.5")]
    [TestCase("(hasSign || seats != 0) && !(district == 'A')")]
    [TestCase("district in ['A', 'B', 'C']")]
    [TestCase("district not in []")]
    [TestCase("seats in [1, 2, -3]")]
    [TestCase("openedOn >= '2025-01-01'")]
    [TestCase("'2025-01-01' < openedOn")]
    [TestCase("hasSign == true")]
    [TestCase("district == 'it\\'s'")]
    [TestCase("  seats<=5  ")]
    public void Accepts_well_formed_conditions(string source)
    {
        var result = ConditionCompiler.Compile(source, Fields);
        Assert.Multiple(() =>
        {
            Assert.That(result.Problems, Is.Empty);
            Assert.That(result.Condition?.Source, Is.EqualTo(source));
        });
    }

    [TestCase("", 1)]
    [TestCase("hasSign &&", 11)]
    [TestCase("seats = 5", 7)]
    [TestCase("(hasSign", 9)]
    [TestCase("hasSign)", 8)]
    [TestCase("district == \"A\"", 13)]
    [TestCase("district == 'A", 13)]
    [TestCase("seats > 5 5", 11)]
    [TestCase("district in 'A'", 13)]
    [TestCase("district in ['A' 'B']", 18)]
    [TestCase("seats > 5x", 9)]
    [TestCase("seats > .5", 9)]
    [TestCase("hasSign & seats", 9)]
    [TestCase("and", 1)]
    public void Reports_syntax_errors_with_their_column(string source, int column)
    {
        var result = ConditionCompiler.Compile(source, Fields);
        Assert.Multiple(() =>
        {
            Assert.That(result.Condition, Is.Null);
            Assert.That(result.Problems.Select(p => p.Code), Is.EqualTo(new[] { ErrorCodes.ConditionSyntax }));
            Assert.That(result.Problems[0].Column, Is.EqualTo(column), result.Problems[0].Message);
        });
    }

    [Test]
    public void Rejects_a_condition_longer_than_the_limit()
    {
        var source = string.Join(" or ", Enumerable.Repeat("hasSign", 80));
        Assert.That(source, Has.Length.GreaterThan(ConditionLimits.MaxLength));
        var result = ConditionCompiler.Compile(source, Fields);
        Assert.That(result.Problems.Single().Code, Is.EqualTo(ErrorCodes.ConditionTooComplex));
    }

    [Test]
    public void Rejects_nesting_deeper_than_the_limit_but_accepts_it_at_the_limit()
    {
        string Nested(int depth) => new string('(', depth) + "hasSign" + new string(')', depth);
        Assert.Multiple(() =>
        {
            Assert.That(ConditionCompiler.Compile(Nested(ConditionLimits.MaxDepth), Fields).Problems, Is.Empty);
            var tooDeep = ConditionCompiler.Compile(Nested(ConditionLimits.MaxDepth + 1), Fields);
            Assert.That(tooDeep.Problems.Single().Code, Is.EqualTo(ErrorCodes.ConditionTooComplex));
            Assert.That(tooDeep.Problems.Single().Column, Is.EqualTo(ConditionLimits.MaxDepth + 1));
        });
    }

    [Test]
    public void Counts_not_towards_depth()
    {
        var source = string.Concat(Enumerable.Repeat("!", ConditionLimits.MaxDepth + 1)) + "hasSign";
        Assert.That(ConditionCompiler.Compile(source, Fields).Problems.Single().Code, Is.EqualTo(ErrorCodes.ConditionTooComplex));
    }

    [Test]
    public void Long_flat_chains_are_not_deep()
    {
        var source = string.Join(" and ", Enumerable.Repeat("hasSign", ConditionLimits.MaxDepth + 8));
        Assert.That(ConditionCompiler.Compile(source, Fields).Problems, Is.Empty);
    }
}
