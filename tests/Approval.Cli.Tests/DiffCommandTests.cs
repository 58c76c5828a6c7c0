using System.Text.Json;
using Approval.Cli.Commands;

namespace Approval.Cli.Tests;

/// <summary><c>approval diff</c> between two hand-written versions of a fixture definition.</summary>
public class DiffCommandTests
{
    private static readonly string V1 = Path.Combine(ValidateCommandTests.Fixtures, "diff", "v1", "diff-sample.json");
    private static readonly string V2 = Path.Combine(ValidateCommandTests.Fixtures, "diff", "v2", "diff-sample.json");

    private static (int Exit, string Out, string Err) Diff(params string[] args) =>
        ValidateCommandTests.Run(DiffCommand.Create(), ["diff", .. args]);

    [Test]
    public void Reports_exactly_the_changes_made_between_the_versions()
    {
        var (exit, output, error) = Diff(V1, V2);

        Assert.That(exit, Is.Zero, error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        Assert.That(lines, Is.EqualTo(new[]
        {
            $"--- {V1}",
            $"+++ {V2}",
            "~ definition name: 开餐馆（旧版） → 开餐馆（新版）",
            "~ definition timeLimit: 5 working days → 7 working days",
            "~ field seats type: integer → number",
            "+ field hasTerrace: boolean",
            "- field district: string",
            "~ material lease deferrable: true → false",
            "+ material sign-design: 招牌效果图",
            "- material floor-plan: 平面图, required",
            "> step business-licence moved (parent): joint-review → (top level)",
            "~ step joint-review join: all (会签) → any (或签)",
            // Only fire-safety jumped ahead; food-permit and outdoor-sign kept their relative order.
            "> step fire-safety moved (position in joint-review): 3 → 1",
            "~ step food-permit department: market-regulation → urban-management",
            "~ step food-permit timeLimit: 3 working days → 2 working days",
            "~ step food-permit warning: (inherited) → yellow 4 h before; escalate every 1 wd",
            "~ step outdoor-sign when: hasOutdoorSign → hasOutdoorSign and seats > 20",
            "~ step outdoor-sign onOverdue: approve → escalate",
            "+ step terrace: task 外摆许可 in joint-review",
            "- step tax-registration: task 税务登记 in joint-review",
            "18 change(s).",
        }));
    }

    [Test]
    public void Json_report_lists_changes_by_kind()
    {
        var (exit, output, _) = Diff(V1, V2, "--format", "json");

        Assert.That(exit, Is.Zero);
        using var report = JsonDocument.Parse(output);
        Assert.That(report.RootElement.GetProperty("identical").GetBoolean(), Is.False);
        var changes = report.RootElement.GetProperty("changes").EnumerateArray().ToList();
        Assert.That(changes, Has.Count.EqualTo(18));
        var join = changes.Single(c => c.GetProperty("subject").GetString() == "step joint-review");
        Assert.That(join.GetProperty("kind").GetString(), Is.EqualTo("changed"));
        Assert.That(join.GetProperty("property").GetString(), Is.EqualTo("join"));
        Assert.That(changes.Count(c => c.GetProperty("kind").GetString() == "moved"), Is.EqualTo(2));
    }

    [Test]
    public void The_same_content_has_no_changes()
    {
        var (exit, output, _) = Diff(V1, V1);
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("No changes: the content is identical"));
    }

    [Test]
    public void A_file_that_does_not_load_fails()
    {
        var (exit, _, error) = Diff(V1, Path.Combine(ValidateCommandTests.Fixtures, "broken", "broken-bundle.json"));
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("APV024"));
    }
}
