using System.Text.Json;
using System.Text.Json.Nodes;
using Approval.Definitions.Departments;
using Approval.Definitions.Loading;

namespace Approval.Definitions.Tests;

/// <summary>
/// Hand-rolled snapshots (Verify is not available here): each fixture under
/// tests/fixtures/definitions/{invalid,warnings} has NAME.expected.json beside it holding the
/// diagnostics of the loader's JSON report. Run with APPROVAL_UPDATE_SNAPSHOTS=1 to rewrite them,
/// then review the diff like any other change.
/// </summary>
public class FixtureSnapshotTests
{
    private static readonly DepartmentRegistry Departments = DepartmentRegistry.Load(Path.Combine(RepoPaths.Workflows, DefinitionLoader.DepartmentsFile));

    public static IEnumerable<TestCaseData> Fixtures() =>
        new[] { "invalid", "warnings" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoPaths.Fixtures, folder), "*.json")
                .Where(f => !f.EndsWith(".expected.json", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(f => new TestCaseData(folder, Path.GetFileNameWithoutExtension(f)).SetName($"{folder}/{Path.GetFileNameWithoutExtension(f)}")));

    [TestCaseSource(nameof(Fixtures))]
    public void Report_matches_snapshot(string folder, string name)
    {
        var fixture = Path.Combine(RepoPaths.Fixtures, folder, name + ".json");
        var result = DefinitionLoader.Load(File.ReadAllText(fixture), name + ".json", Departments);
        var actual = JsonNode.Parse(result.ToJsonReport())!["diagnostics"]!.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n";

        var snapshot = Path.Combine(RepoPaths.Fixtures, folder, name + ".expected.json");
        if (Environment.GetEnvironmentVariable("APPROVAL_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(snapshot, actual);
        }

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(snapshot), Is.True, $"missing snapshot {snapshot}; run with APPROVAL_UPDATE_SNAPSHOTS=1");
            Assert.That(actual, Is.EqualTo(File.Exists(snapshot) ? File.ReadAllText(snapshot) : string.Empty));
            Assert.That(result.Succeeded, Is.EqualTo(folder == "warnings"), "invalid fixtures fail, warning fixtures load");
            Assert.That(result.Diagnostics, Is.Not.Empty);
        });
    }

    [Test]
    public void The_several_errors_fixture_reports_all_four_problems_at_once()
    {
        var result = DefinitionLoader.LoadFile(Path.Combine(RepoPaths.Fixtures, "invalid", "several-errors.json"), Departments);
        Assert.That(
            result.Errors.Select(e => $"{e.Code} {e.Line}:{e.Column} {e.JsonPath}"),
            Is.EqualTo(new[]
            {
                "APV021 10:67 $.steps[1].join",
                "APV020 13:33 $.steps[1].branches[1].id",
                "APV023 14:9 $.steps[1].branches[2].department",
                "APV041 16:38 $.steps[1].branches[3].when",
            }));
    }
}
