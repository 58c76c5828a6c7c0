using Approval.Definitions.Loading;

namespace Approval.Definitions.Tests;

/// <summary>The loader's contract is to report, never to throw, whatever an editor leaves in the file.</summary>
public class RobustnessTests
{
    private static readonly string Bundle = File.ReadAllText(Path.Combine(RepoPaths.Workflows, "open-restaurant.json"));

    [Test]
    public void Truncated_files_give_findings_not_exceptions()
    {
        Assert.Multiple(() =>
        {
            for (var length = 0; length < Bundle.TrimEnd().Length; length += 5)
            {
                var result = DefinitionLoader.Load(Bundle[..length], "open-restaurant.json", Defs.Departments);
                Assert.That(result.Errors, Is.Not.Empty, $"prefix of {length}");
            }
        });
    }

    [Test]
    public void Values_swapped_for_other_json_values_give_findings_not_exceptions()
    {
        string[] replacements = ["null", "[]", "{}", "0", "-1", "1.5", "\"\"", "true", "99999999999999999999999", "\"x y\""];
        var random = new Random(20261122);
        var valueStarts = Enumerable.Range(0, Bundle.Length).Where(i => Bundle[i] == ':').ToList();
        Assert.Multiple(() =>
        {
            for (var n = 0; n < 300; n++)
            {
                var at = valueStarts[random.Next(valueStarts.Count)] + 1;
                var end = at;
                var depth = 0;
                var inString = false;
                for (; end < Bundle.Length; end++)
                {
                    var c = Bundle[end];
                    if (inString)
                    {
                        inString = c != '"';
                    }
                    else if (c == '"')
                    {
                        inString = true;
                    }
                    else if (c is '{' or '[')
                    {
                        depth++;
                    }
                    else if (c is '}' or ']')
                    {
                        if (depth-- == 0)
                        {
                            break;
                        }
                    }
                    else if (c == ',' && depth == 0)
                    {
                        break;
                    }
                }

                var mangled = string.Concat(Bundle.AsSpan(0, at), " ", replacements[n % replacements.Length], Bundle.AsSpan(end));
                Assert.DoesNotThrow(() => DefinitionLoader.Load(mangled, "open-restaurant.json", Defs.Departments), mangled);
            }
        });
    }
}
