using Approval.Definitions.Departments;
using Approval.Definitions.Elsa;
using Approval.Definitions.Loading;
using Approval.Definitions.Model;
using Newtonsoft.Json.Linq;

namespace Approval.Definitions.Tests.Elsa;

public class ElsaRoundTripTests
{
    private static readonly DepartmentRegistry Departments = DepartmentRegistry.Load(Path.Combine(RepoPaths.Workflows, DefinitionLoader.DepartmentsFile));

    private static IEnumerable<TestCaseData> Bundles() =>
        DefinitionLoader.LoadDirectory(RepoPaths.Workflows).Select(r => new TestCaseData(r).SetArgDisplayNames(Path.GetFileName(r.File)));

    [TestCaseSource(nameof(Bundles))]
    public void Export_then_import_gives_the_same_canonical_json(LoadResult bundle)
    {
        var exported = ElsaExporter.ExportText(bundle, Departments);
        var imported = ElsaImporter.Import(exported, "exported.elsa.json", Departments);

        Assert.That(imported.Problems.Select(p => p.Format("exported")), Is.Empty);
        Assert.That(imported.Loaded!.CanonicalJson, Is.EqualTo(bundle.CanonicalJson));
        Assert.That(imported.Loaded.ContentHash, Is.EqualTo(bundle.ContentHash));
    }

    [TestCaseSource(nameof(Bundles))]
    public void Export_is_a_file_Studio_accepts_with_a_flowchart_Elsa_can_run(LoadResult bundle)
    {
        var elsa = ElsaExporter.Export(bundle, Departments);
        var root = (JObject)elsa["root"]!;
        var activities = root.Descendants().OfType<JObject>().Where(o => o["type"] is not null && o["nodeId"] is not null).ToList();
        var ids = activities.Select(a => (string)a["id"]!).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(elsa.Properties().First().Name, Is.EqualTo("$schema"));
            Assert.That((string?)elsa["$schema"], Does.StartWith(ElsaFormat.SchemaPrefix));
            Assert.That((string?)elsa["definitionId"], Is.EqualTo(bundle.Definition!.Id));
            Assert.That((string?)elsa["id"], Does.Match("^[0-9a-f]{16}$"));
            Assert.That((string?)elsa["name"], Is.EqualTo(bundle.Definition.Name));
            Assert.That((string?)root["type"], Is.EqualTo(ElsaFormat.Flowchart));
            Assert.That(root["activities"]!.Count(a => (string?)a["type"] == ElsaFormat.Start), Is.EqualTo(1));
            Assert.That(ids, Is.Unique);
            foreach (var connection in root.Descendants().OfType<JProperty>().Where(p => p.Name == "connections").SelectMany(p => p.Value))
            {
                Assert.That(ids, Does.Contain((string?)connection["source"]!["activity"]));
                Assert.That(ids, Does.Contain((string?)connection["target"]!["activity"]));
                Assert.That((string?)connection["target"]!["port"], Is.EqualTo(ElsaFormat.PortIn));
            }

            // Every department item is a task of its own, named by the department.
            var tasks = bundle.Definition.AllSteps().OfType<TaskStepDefinition>().ToList();
            foreach (var task in tasks)
            {
                var activity = activities.Single(a => (string?)a["id"] == task.Id);
                Assert.That((string?)activity["type"], Is.EqualTo(ElsaFormat.RunTask));
                Assert.That((string?)activity["taskName"]!["expression"]!["value"], Is.EqualTo(task.Department));
            }

            // Studio draws what it is given: the positions spread out, no pile at 0,0 (elsa-core #5881).
            var positions = activities.Select(a => ((double)a["metadata"]!["designer"]!["position"]!["x"]!, (double)a["metadata"]!["designer"]!["position"]!["y"]!)).ToList();
            Assert.That(positions.Distinct().Count(), Is.GreaterThan(positions.Count / 2));
        });
    }

    [Test]
    public void An_edit_made_in_Studio_is_what_gets_imported()
    {
        var bundle = DefinitionLoader.LoadFile(Path.Combine(RepoPaths.Workflows, "open-restaurant.json"), Departments);
        var elsa = ElsaExporter.Export(bundle, Departments);
        var activities = (JArray)elsa["root"]!["activities"]!;
        var sign = activities.Single(a => (string?)a["id"] == "outdoor-sign_when");
        sign["condition"]!["expression"]!["value"] = "variables.hasOutdoorSign && variables.seats > 20";
        var fire = activities.Single(a => (string?)a["id"] == "fire-safety");
        fire["taskName"]!["expression"]!["value"] = "urban-management";
        fire["metadata"]!["displayText"] = "消防检查";

        var imported = ElsaImporter.Import(elsa.ToString(), "edited.elsa.json", Departments);

        Assert.That(imported.Problems, Is.Empty);
        var steps = imported.Loaded!.Definition!.AllSteps().ToDictionary(s => s.Id);
        Assert.Multiple(() =>
        {
            Assert.That(steps["outdoor-sign"].When!.Source, Is.EqualTo("hasOutdoorSign and seats > 20"));
            Assert.That(((TaskStepDefinition)steps["fire-safety"]).Department, Is.EqualTo("urban-management"));
            Assert.That(steps["fire-safety"].Name, Is.EqualTo("消防检查"));
            Assert.That(imported.Loaded.ContentHash, Is.Not.EqualTo(bundle.ContentHash));
        });
    }
}
