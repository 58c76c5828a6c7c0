using Approval.Definitions.Elsa;

namespace Approval.Definitions.Tests.Elsa;

public class ElsaConditionsTests
{
    [TestCase("hasOutdoorSign", "variables.hasOutdoorSign")]
    [TestCase("seats > 50 and not hasSign", "variables.seats > 50 && !variables.hasSign")]
    [TestCase("district == 'east' or seats <= -3", "variables.district === \"east\" || variables.seats <= -3")]
    [TestCase("a != 1.5 && (b or c)", "variables.a !== 1.5 && (variables.b || variables.c)")]
    [TestCase("district in ['东城', 'it\\'s']", "[\"东城\", \"it's\"].includes(variables.district)")]
    [TestCase("district not in ['x']", "![\"x\"].includes(variables.district)")]
    [TestCase("not (a or b)", "!(variables.a || variables.b)")]
    public void A_condition_becomes_JavaScript_over_variables_and_comes_back_meaning_the_same(string ours, string javaScript)
    {
        var js = ElsaConditions.ToJavaScript(ours);
        var back = ElsaConditions.FromJavaScript(js!, out var problem);

        Assert.Multiple(() =>
        {
            Assert.That(js, Is.EqualTo(javaScript));
            Assert.That(problem, Is.Null);
            Assert.That(ElsaConditions.ToJavaScript(back!), Is.EqualTo(javaScript), back);
        });
    }

    [TestCase("return variables.seats > 50;", "seats > 50")]
    [TestCase("getVariable('seats') >= 2 && variables['open']", "seats >= 2 and open")]
    [TestCase("!variables.a === false", "(not a) == false")]
    [TestCase("true", "true")]
    public void JavaScript_as_people_write_it_in_Studio_reads(string javaScript, string ours)
    {
        Assert.That(ElsaConditions.FromJavaScript(javaScript, out _), Is.EqualTo(ours));
    }

    [TestCase("variables.name.startsWith('x')", "'.'")]
    [TestCase("variables.a ? 1 : 2", "'?'")]
    [TestCase("variables.x = 1", "'='")]
    [TestCase("['a'].map(variables.b)", "map")]
    [TestCase("(variables.a", "expected ')'")]
    [TestCase("", "empty")]
    public void JavaScript_outside_the_subset_is_refused_with_the_reason(string javaScript, string reason)
    {
        Assert.Multiple(() =>
        {
            Assert.That(ElsaConditions.FromJavaScript(javaScript, out var problem), Is.Null);
            Assert.That(problem, Does.Contain(reason));
        });
    }
}
