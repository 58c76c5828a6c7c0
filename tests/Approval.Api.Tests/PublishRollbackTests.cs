using System.Net;
using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;
using Approval.Definitions.Departments;
using Approval.Definitions.Loading;
using Approval.Engine.Cases;
using Approval.Persistence.Workflows;
using Approval.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Api.Tests;

/// <summary>
/// Publishing an older version's content is a rollback: a new latest version with that content,
/// said so in the answer; the latest content again changes nothing.
/// </summary>
public class PublishRollbackTests
{
    [Test]
    public async Task Publishing_v1_content_after_v2_makes_v3_with_it_and_new_cases_start_on_v3()
    {
        await using var app = new ApprovalApp();
        using var analyst = app.ClientAs(ClerkRoles.Analyst, null, "analyst");
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(Workflows.Folder, "birth.json")))!.AsObject();
        var v1 = (int)(await (await app.Window().GetAsync("/api/workflows/birth/versions")).ReadJsonAsync())!.AsArray().Max(v => (int)v!["version"]!);

        var changed = original.DeepClone().AsObject();
        changed["name"] = "出生一件事（新版）";
        var second = await (await analyst.PostJsonAsync("/api/workflows", new { definition = changed })).ReadJsonAsync();
        Assert.That((int)second["version"]!, Is.EqualTo(v1 + 1));

        var rollback = await analyst.PostJsonAsync("/api/workflows", new { definition = original });
        var body = await rollback.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(rollback.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToJsonString());
            Assert.That((int)body["version"]!, Is.EqualTo(v1 + 2));
            Assert.That((int?)body["restoredFrom"], Is.EqualTo(v1));
            Assert.That((int)body["latest"]!, Is.EqualTo(v1 + 2));
        });

        var again = await analyst.PostJsonAsync("/api/workflows", new { definition = original });
        var againBody = await again.ReadJsonAsync();
        Assert.Multiple(() =>
        {
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), againBody.ToJsonString());
            Assert.That((int)againBody["version"]!, Is.EqualTo(v1 + 2), "the latest content changes nothing");
        });

        var listed = await (await app.Window().GetAsync("/api/workflows")).ReadJsonAsync();
        var birth = listed["workflows"]!.AsArray().Single(w => (string)w!["id"]! == "birth")!;
        Assert.Multiple(() =>
        {
            Assert.That((int)birth["version"]!, Is.EqualTo(v1 + 2));
            Assert.That((string)birth["name"]!, Is.EqualTo((string)original["name"]!));
        });
    }

    [Test]
    public async Task Start_up_publishing_of_an_older_content_does_not_undo_an_analysts_version()
    {
        await using var app = new ApprovalApp();
        using var analyst = app.ClientAs(ClerkRoles.Analyst, null, "analyst");
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(Workflows.Folder, "birth.json")))!.AsObject();
        var changed = original.DeepClone().AsObject();
        changed["name"] = "出生一件事（新版）";
        var latest = (int)(await (await analyst.PostJsonAsync("/api/workflows", new { definition = changed })).ReadJsonAsync())["version"]!;

        // What a restart does with workflows/birth.json, whose content is now an older version's.
        var publisher = app.Services.GetRequiredService<WorkflowPublisher>();
        var file = DefinitionLoader.LoadFile(Path.Combine(Workflows.Folder, "birth.json"), DepartmentRegistry.Load(Path.Combine(Workflows.Folder, "departments.json")));
        var again = await publisher.PublishAsync(new DefinitionCandidate(file.Definition!, file.CanonicalJson!, file.ContentHash!, "birth.json"), PublishMode.KeepKnownContent);

        Assert.Multiple(() =>
        {
            Assert.That(again.Created, Is.False);
            Assert.That(again.Latest, Is.EqualTo(latest));
        });
    }
}
