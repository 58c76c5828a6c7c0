using Approval.Definitions.Conditions;
using Approval.Definitions.Loading;
using Approval.Definitions.Model;

namespace Approval.Definitions.Tests;

public class ConditionTypeCheckTests
{
    private static readonly Dictionary<string, FieldType> Fields = new()
    {
        ["hasOutdoorSign"] = FieldType.Boolean,
        ["seats"] = FieldType.Integer,
        ["area"] = FieldType.Number,
        ["district"] = FieldType.String,
        ["openedOn"] = FieldType.Date,
    };

    [TestCase("hasSign", 1)]
    [TestCase("seats > 5 and signArea > 2", 15)]
    [TestCase("district in ['a'] or Seats > 1", 22)]
    public void Reports_undeclared_fields_where_they_are_read(string source, int column)
    {
        var problem = ConditionCompiler.Compile(source, Fields).Problems.Single();
        Assert.Multiple(() =>
        {
            Assert.That(problem.Code, Is.EqualTo(ErrorCodes.ConditionUnknownField));
            Assert.That(problem.Column, Is.EqualTo(column));
        });
    }

    [Test]
    public void Suggests_a_close_declared_field()
    {
        var problem = ConditionCompiler.Compile("hasOutdoorSigns", Fields).Problems.Single();
        Assert.That(problem.Message, Does.Contain("did you mean 'hasOutdoorSign'"));
    }

    [TestCase("seats", 1)]
    [TestCase("seats == 'ten'", 7)]
    [TestCase("district > 'A'", 10)]
    [TestCase("hasOutdoorSign < true", 16)]
    [TestCase("!seats", 1)]
    [TestCase("hasOutdoorSign and district", 20)]
    [TestCase("openedOn > 5", 10)]
    [TestCase("openedOn > '2025-13-01'", 12)]
    [TestCase("district in ['A', 3]", 19)]
    [TestCase("seats == true", 7)]
    public void Reports_type_errors_with_their_column(string source, int column)
    {
        var result = ConditionCompiler.Compile(source, Fields);
        Assert.Multiple(() =>
        {
            Assert.That(result.Condition, Is.Null);
            Assert.That(result.Problems.Select(p => p.Code), Is.All.EqualTo(ErrorCodes.ConditionType));
            Assert.That(result.Problems[0].Column, Is.EqualTo(column), result.Problems[0].Message);
        });
    }

    [Test]
    public void Reports_every_type_error_not_just_the_first()
    {
        var result = ConditionCompiler.Compile("seats == 'a' or district > 'b' or nope", Fields);
        Assert.That(result.Problems.Select(p => p.Code), Is.EqualTo(new[] { ErrorCodes.ConditionType, ErrorCodes.ConditionType, ErrorCodes.ConditionUnknownField }));
    }

    [Test]
    public void Integers_and_decimals_compare_as_numbers()
    {
        Assert.That(ConditionCompiler.Compile("seats > 2.5 and area == 3", Fields).Problems, Is.Empty);
    }
}
