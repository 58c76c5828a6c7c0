using System.Reflection;
using System.Text.RegularExpressions;
using Approval.Engine.Cases;
using Approval.Testing;

namespace Approval.Engine.Tests.Cases;

/// <summary>Refusal codes are one vocabulary: named once in <see cref="RefusalCodes"/>, listed in docs/api.md, never written inline.</summary>
public sealed partial class RefusalCodeTests
{
    [Test]
    public void The_catalogue_holds_every_code_constant_once()
    {
        var constants = typeof(RefusalCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(constants, Is.Unique);
            Assert.That(RefusalCodes.All.Select(c => c.Code), Is.EquivalentTo(constants));
            Assert.That(constants, Is.All.Matches(KebabCase()));
        });
    }

    [Test]
    public void The_api_guide_lists_every_refusal_code_with_its_status()
    {
        var guide = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "api.md"));
        var listed = guide.Select(l => RefusalRow().Match(l)).Where(m => m.Success).ToDictionary(m => m.Groups["code"].Value, m => m.Groups["status"].Value.Trim());

        Assert.Multiple(() =>
        {
            foreach (var code in RefusalCodes.All)
            {
                Assert.That(listed.GetValueOrDefault(code.Code), Is.EqualTo(code.Status), $"docs/api.md's refusal table row for {code.Code}");
            }

            Assert.That(listed.Keys, Is.SubsetOf(RefusalCodes.All.Select(c => c.Code)), "docs/api.md lists a refusal code RefusalCodes does not define");
        });
    }

    [Test]
    public void No_refusal_is_made_with_an_inline_code()
    {
        var inline = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => InlineCode().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(RepositoryPaths.Root, x.f)}:{x.i + 1}")
            .ToList();

        Assert.That(inline, Is.Empty, "name the code in RefusalCodes");
    }

    [GeneratedRegex("^[a-z]+(-[a-z]+)*$")]
    private static partial Regex KebabCase();

    // A refusal row: | `code` | 4xx | when |, as the refusal table in docs/api.md writes it.
    [GeneratedRegex(@"^\| `(?<code>[a-z-]+)` \| (?<status>[0-9 /]+) \|")]
    private static partial Regex RefusalRow();

    [GeneratedRegex(@"(Refusal\.(Invalid|InvalidFields|NotFound|Conflict|Forbidden)|RefusalProblems\.Invalid|problems\.Add)\(\s*""|Code\s*[!=]=\s*""")]
    private static partial Regex InlineCode();
}
