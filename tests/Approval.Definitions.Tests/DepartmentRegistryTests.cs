using Approval.Definitions.Departments;
using Approval.Definitions.Loading;

namespace Approval.Definitions.Tests;

public class DepartmentRegistryTests
{
    [Test]
    public void Shipped_registry_has_the_departments_the_design_names()
    {
        var registry = DepartmentRegistry.Load(Path.Combine(RepoPaths.Workflows, DefinitionLoader.DepartmentsFile));
        Assert.Multiple(() =>
        {
            Assert.That(registry.Find("market-regulation")?.Name, Is.EqualTo("市场监管局"));
            Assert.That(registry.Find("fire-rescue")?.Name, Is.EqualTo("消防救援"));
            Assert.That(registry.Find("window")?.Name, Is.EqualTo("综合窗口"));
            Assert.That(registry.All.Select(d => d.Id), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
            Assert.That(registry.Contains("tourism"), Is.False);
        });
    }

    [Test]
    public void Invalid_registries_are_refused_with_every_problem()
    {
        var ex = Assert.Throws<InvalidDataException>(() => DepartmentRegistry.Parse(
            """[ { "id": "a", "name": "甲" }, { "id": "a", "name": "乙" }, { "id": "Bad Id", "name": "丙" }, { "id": "c" } ]""", "departments.json"));
        Assert.That(ex!.Message, Does.Contain("$[1]").And.Contain("twice").And.Contain("$[2]").And.Contain("$[3]").And.Contain("'name'"));
    }

    [Test]
    public void Not_json_or_not_an_array_is_refused()
    {
        Assert.Multiple(() =>
        {
            Assert.Throws<InvalidDataException>(() => DepartmentRegistry.Parse("{", "d.json"));
            Assert.Throws<InvalidDataException>(() => DepartmentRegistry.Parse("""{ "id": "a" }""", "d.json"));
        });
    }
}
