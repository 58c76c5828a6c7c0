using Approval.Definitions.Loading;

namespace Approval.Definitions.Tests;

public class DocumentationTests
{
    [Test]
    public void The_guide_lists_every_error_code_with_its_severity_and_gloss()
    {
        var guide = File.ReadAllLines(Path.Combine(RepoPaths.Docs, "definition-language.md"));
        Assert.Multiple(() =>
        {
            foreach (var code in ErrorCodes.All)
            {
                var row = guide.FirstOrDefault(l => l.StartsWith($"| {code.Code} |", StringComparison.Ordinal));
                Assert.That(row, Is.Not.Null, code.Code);
                Assert.That(row, Does.Contain($"| {code.Severity.ToString().ToLowerInvariant()} |").And.Contain(code.ChineseTitle), code.Code);
            }
        });
    }
}
