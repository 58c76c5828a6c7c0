using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;

namespace Approval.Api.Tests.Docs;

/// <summary>
/// docs/api.md run against the real service: the fenced request body under a heading naming its
/// call is sent and must succeed; every inline example body parses as JSON; every <c>GET</c>
/// without a placeholder answers 200 to a supervisor. An example that drifts from the API fails here.
/// </summary>
public partial class ApiDocTests
{
    private static readonly string Page = Path.Combine(Path.GetDirectoryName(Workflows.Folder)!, "docs", "api.md");

    private static string Text => File.ReadAllText(Page);

    [Test]
    public async Task Every_fenced_request_body_is_accepted_by_the_call_its_heading_names()
    {
        await using var app = new ApprovalApp();
        using var window = app.Window();
        var sent = 0;
        string? call = null;
        foreach (var (line, body) in Sections(Text))
        {
            if (body is null)
            {
                if (HeadingCall().Match(line) is { Success: true } m) call = m.Groups[1].Value;
                continue;
            }

            Assert.That(call, Is.Not.Null, $"docs/api.md: a ```json block with no `POST /api/…` heading above it:\n{body}");
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            var response = await window.PostAsync(call, content);
            Assert.That((int)response.StatusCode, Is.EqualTo(201).Or.EqualTo(200), $"docs/api.md `POST {call}` with its example body:\n{await response.Content.ReadAsStringAsync()}");
            sent++;
        }

        Assert.That(sent, Is.GreaterThanOrEqualTo(1), "docs/api.md's intake example was found and sent");
    }

    [Test]
    public async Task The_intake_example_answers_each_due_with_its_local_time()
    {
        await using var app = new ApprovalApp();
        using var window = app.Window();
        var body = Sections(Text).First(s => s.Body is not null).Body!;
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await window.PostAsync("/api/cases", content);
        var json = await response.ReadJsonAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), json.ToJsonString());
        var due = json["tasks"]![0]!["due"]!;
        var at = DateTimeOffset.Parse((string)due["at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That((string)due["local"]!, Is.EqualTo(at.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm'+08:00'", System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Every_inline_example_body_is_json()
    {
        var bodies = InlineBody().Matches(Text).Select(m => m.Groups[2].Value).ToList();
        Assert.That(bodies, Has.Count.GreaterThanOrEqualTo(10));
        foreach (var body in bodies)
        {
            // `"window" | "online"` lists the choices; the first one is the example.
            var example = Alternatives().Replace(body, "$1").Replace("{ … }", "{}", StringComparison.Ordinal);
            Assert.DoesNotThrow(() => JsonNode.Parse(example), $"docs/api.md inline body is not JSON: {body}");
        }
    }

    [Test]
    public async Task Every_GET_example_without_a_placeholder_answers_200()
    {
        await using var app = new ApprovalApp();
        using var supervisor = app.ClientAs(ClerkRoles.Supervisor);
        var paths = InlineGet().Matches(Text).Select(m => m.Groups[1].Value).Where(p => !p.Contains('{', StringComparison.Ordinal)).Distinct().ToList();
        Assert.That(paths, Does.Contain("/api/supervision/cards?department=&level="));
        foreach (var path in paths)
        {
            var response = await supervisor.GetAsync(path);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"docs/api.md `GET {path}`: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Lines outside fences (Body null), and each ```json block's text (Line = its first line).</summary>
    private static IEnumerable<(string Line, string? Body)> Sections(string markdown)
    {
        var lines = markdown.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd('\r') == "```json")
            {
                var body = new StringBuilder();
                for (i++; i < lines.Length && lines[i].TrimEnd('\r') != "```"; i++) body.AppendLine(lines[i]);
                yield return (lines[i], body.ToString());
            }
            else
            {
                yield return (lines[i], null);
            }
        }
    }

    [GeneratedRegex(@"^###? .*`POST (/api/[^`\s]+)`")]
    private static partial Regex HeadingCall();

    [GeneratedRegex(@"`(POST|PUT) /api/[^`]+` `(\{[^`]*\})`")]
    private static partial Regex InlineBody();

    [GeneratedRegex(@"`GET (/[^`\s]*)`")]
    private static partial Regex InlineGet();

    [GeneratedRegex(@"(""[^""]*"")(?:\s*\|\s*""[^""]*"")+")]
    private static partial Regex Alternatives();
}
