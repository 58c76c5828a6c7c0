using Approval.Calendar;
using Approval.Definitions.Departments;
using Approval.Definitions.Loading;
using Approval.Definitions.Model;
using Approval.Definitions.Validation;

namespace Approval.Definitions.Tests;

public class ShippedBundleTests
{
    private static IReadOnlyList<LoadResult> LoadAll() => DefinitionLoader.LoadDirectory(RepoPaths.Workflows);

    [Test]
    public void Every_bundle_in_workflows_loads_with_no_findings()
    {
        var results = LoadAll();
        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => Path.GetFileName(r.File)), Is.SupersetOf(new[]
            {
                "open-restaurant.json", "company-setup.json", "second-hand-housing-transfer.json", "construction-permit.json",
                "birth.json", "retirement.json", "veteran.json",
            }));
            foreach (var result in results)
            {
                Assert.That(result.Diagnostics, Is.Empty, result.File);
                Assert.That(result.Definition, Is.Not.Null, result.File);
            }
        });
    }

    [Test]
    public void Directory_loading_skips_the_registry_and_sub_folders()
    {
        Assert.That(LoadAll().Select(r => Path.GetFileName(r.File)), Has.None.EqualTo("departments.json").And.None.Contains("schema"));
    }

    [Test]
    public void Open_restaurant_matches_the_design()
    {
        var definition = LoadAll().Single(r => r.Definition?.Id == "open-restaurant").Definition!;
        var review = (ParallelStepDefinition)definition.Steps[1];
        var tasks = review.Branches.Cast<TaskStepDefinition>().ToDictionary(t => t.Name);
        Assert.Multiple(() =>
        {
            Assert.That(definition.Name, Is.EqualTo("开餐馆"));
            Assert.That(definition.TimeLimit, Is.EqualTo(TimeLimit.OfWorkingDays(5)));
            Assert.That(definition.Steps[0], Is.TypeOf<IntakeStepDefinition>());
            Assert.That(definition.Steps[^1], Is.TypeOf<DeliveryStepDefinition>());
            Assert.That(review.Join, Is.EqualTo(JoinRule.All));
            Assert.That(tasks["营业执照"].TimeLimit, Is.EqualTo(TimeLimit.OfWorkingDays(1)));
            Assert.That(tasks["食品经营许可"].Warning!.YellowBefore, Is.EqualTo(TimeLimit.OfWorkingDays(1)));
            Assert.That(tasks["户外招牌设置"].When!.Source, Is.EqualTo("hasOutdoorSign"));
            Assert.That(tasks["户外招牌设置"].OnOverdue, Is.EqualTo(OverdueAction.Approve));
            Assert.That(tasks["消防安全检查"].Department, Is.EqualTo("fire-rescue"));
            Assert.That(tasks["税务登记"].Department, Is.EqualTo("taxation"));
            Assert.That(definition.Materials.Where(m => m.Deferrable).Select(m => m.Id), Is.Not.Empty);
        });
    }

    [Test]
    public void Construction_permit_uses_a_quorum_a_decision_and_four_stages()
    {
        var definition = LoadAll().Single(r => r.Definition?.Id == "construction-permit").Definition!;
        var all = StepWalk.All(definition.Steps).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(definition.TimeLimit, Is.EqualTo(TimeLimit.OfWorkingDays(50)));
            Assert.That(definition.Steps.OfType<SequenceStepDefinition>().Select(s => s.Name), Is.EqualTo(new[] { "立项用地规划许可", "工程建设许可", "施工许可", "竣工验收" }));
            Assert.That(all.OfType<ParallelStepDefinition>().Select(p => p.Join.Kind), Does.Contain(JoinKind.Quorum));
            Assert.That(all.OfType<DecisionStepDefinition>(), Is.Not.Empty);
            Assert.That(all.Select(s => s.Name), Does.Contain("联合审图").And.Contain("联合验收"));
        });
    }

    [Test]
    public void Company_setup_fits_one_working_day_with_hour_limits()
    {
        var definition = LoadAll().Single(r => r.Definition?.Id == "company-setup").Definition!;
        var tasks = StepWalk.All(definition.Steps).OfType<TaskStepDefinition>().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(definition.TimeLimit, Is.EqualTo(TimeLimit.OfWorkingDays(1)));
            Assert.That(tasks.Select(t => t.TimeLimit.Unit), Has.All.EqualTo(TimeUnit.Hours));
            Assert.That(tasks.Select(t => t.Department), Is.SupersetOf(new[] { "market-regulation", "public-security", "taxation", "human-resources-social-security", "bank" }));
        });
    }

    [Test]
    public void Every_department_named_by_a_bundle_is_in_the_registry_with_a_chinese_name()
    {
        var registry = DepartmentRegistry.Load(Path.Combine(RepoPaths.Workflows, "departments.json"));
        var used = LoadAll().SelectMany(r => StepWalk.All(r.Definition!.Steps)).OfType<TaskStepDefinition>().Select(t => t.Department).Distinct();
        Assert.That(used.Select(id => registry.Find(id)?.Name), Has.All.Matches<string?>(n => n is not null && n.Any(c => c > 0x2E80)));
    }
}
