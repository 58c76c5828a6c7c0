using Approval.Definitions.Loading;
using Approval.Definitions.Model;

namespace Approval.Definitions.Tests;

/// <summary>APV060–APV065: a sendBack target must come before its step on every path, each finding at the target's JSON path.</summary>
public class SendBackRuleTests
{
    // intake, a (task), p (parallel: b, seq s [c, d]), e (decision: x [f] / otherwise [g]), h (task), delivery
    private static string Flow(string sendBackOfH = "", string sendBackOfD = "", string sendBackOfDelivery = "") =>
        $$"""
        {
          "id": "test", "name": "测试", "timeLimit": { "workingDays": 30 }, "fields": { "hasSign": "boolean" },
          "steps": [
            { "type": "intake", "id": "intake", "name": "受理" },
            {{Defs.Task("a")}},
            { "type": "parallel", "id": "p", "name": "并联", "join": "all", "branches": [
              {{Defs.Task("b")}},
              { "type": "sequence", "id": "s", "name": "串行", "steps": [ {{Defs.Task("c")}}, {{Defs.Task("d", extra: sendBackOfD)}} ] } ] },
            { "type": "decision", "id": "e", "name": "判断", "branches": [
              { "id": "x", "when": "hasSign", "steps": [ {{Defs.Task("f")}} ] },
              { "id": "y", "steps": [ {{Defs.Task("g")}} ] } ] },
            {{Defs.Task("h", extra: sendBackOfH)}},
            { "type": "delivery", "id": "delivery", "name": "出件"{{sendBackOfDelivery}} }
          ]
        }
        """;

    private static string Targets(params string[] ids) => $$""", "sendBack": [{{string.Join(", ", ids.Select(i => $"\"{i}\""))}}]""";

    [Test]
    public void Earlier_steps_on_every_path_are_accepted_and_read_into_the_model()
    {
        var result = Defs.Load(Flow(Targets("a", "p", "e"), Targets("c", "a"), Targets("h", "a")));

        Assert.That(result.Diagnostics, Is.Empty, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.That(result.Definition!.FindStepById("h").SendBack, Is.EqualTo(new[] { "a", "p", "e" }));
    }

    [TestCase("nowhere", ErrorCodes.SendBackUnknownTarget)]
    [TestCase("intake", ErrorCodes.SendBackTargetKind)]
    [TestCase("h", ErrorCodes.SendBackNotEarlier)]
    [TestCase("delivery", ErrorCodes.SendBackTargetKind)]
    [TestCase("c", ErrorCodes.SendBackIntoBlock)]
    [TestCase("f", ErrorCodes.SendBackIntoBlock)]
    public void A_target_of_h_that_is_not_before_it_on_every_path_is_an_error_at_its_path(string target, string code)
    {
        var result = Defs.Load(Flow(Targets("a", target)));

        Assert.Multiple(() =>
        {
            Assert.That(Defs.Codes(result), Is.EqualTo(new[] { code }), string.Join(Environment.NewLine, result.Diagnostics));
            Assert.That(result.Diagnostics.Single().JsonPath, Is.EqualTo("$.steps[4].sendBack[1]"));
        });
    }

    [TestCase("b", ErrorCodes.SendBackAcrossBranches)]
    [TestCase("s", ErrorCodes.SendBackNotEarlier)]
    [TestCase("p", ErrorCodes.SendBackNotEarlier)]
    [TestCase("h", ErrorCodes.SendBackNotEarlier)]
    public void A_target_of_d_inside_the_parallel_block(string target, string code)
    {
        var result = Defs.Load(Flow(sendBackOfD: Targets(target)));

        Assert.That(Defs.Codes(result), Is.EqualTo(new[] { code }), string.Join(Environment.NewLine, result.Diagnostics));
        Assert.That(result.Diagnostics.Single().JsonPath, Is.EqualTo("$.steps[2].branches[1].steps[1].sendBack[0]"));
    }

    [Test]
    public void A_target_listed_twice_is_a_warning_and_a_non_id_is_a_type_error()
    {
        var twice = Defs.Load(Flow(Targets("a", "a")));
        var notId = Defs.Load(Flow(""", "sendBack": [3]"""));

        Assert.Multiple(() =>
        {
            Assert.That(Defs.Codes(twice), Is.EqualTo(new[] { ErrorCodes.SendBackDuplicate }));
            Assert.That(twice.Succeeded, Is.True, "a warning does not block publishing");
            Assert.That(Defs.Codes(notId), Does.Contain(ErrorCodes.WrongType));
            Assert.That(notId.Succeeded, Is.False);
        });
    }

    [Test]
    public void The_range_reopened_from_a_deep_step_to_an_earlier_top_level_step_covers_everything_between()
    {
        var definition = Defs.Load(Flow(Targets("a"))).Definition!;

        var range = SendBackRange.Reopened(definition, "d", "a")!.Select(s => s.Id);

        Assert.That(range, Is.EquivalentTo(new[] { "a", "p", "b", "s", "c", "d" }));
    }
}

internal static class StepLookup
{
    public static StepDefinition FindStepById(this WorkflowDefinition definition, string id) => definition.AllSteps().Single(s => s.Id == id);
}
