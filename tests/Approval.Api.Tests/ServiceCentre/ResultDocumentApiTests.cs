using System.Net;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;

namespace Approval.Api.Tests.ServiceCentre;

/// <summary>Result documents (证照) over HTTP: validated by JSON path, listed by the case and by delivery.</summary>
public class ResultDocumentApiTests
{
    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = new ApprovalApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    [Test]
    public async Task A_document_ending_before_it_starts_is_refused_under_document_validTo()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var fire = started["tasks"]!.AsArray().Single(t => (string)t!["department"]! == "fire-rescue")!;
        var before = await _app.CountAsync();

        var response = await _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{(string)fire["id"]!}/approve",
            new { result = "消防意见书", document = new { number = "XF-2026-1", name = "消防安全检查合格证", validFrom = "2026-12-03", validTo = "2026-12-01" } });
        var problem = await response.ReadJsonAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), problem.ToJsonString());
            Assert.That((string)problem["code"]!, Is.EqualTo(RefusalCodes.DocumentValidity));
            Assert.That(problem["errors"]?["document.validTo"], Is.Not.Null, problem.ToJsonString());
            Assert.That(await _app.CountAsync(), Is.EqualTo(before));
        });

        var missing = await (await _app.Department("fire-rescue").PostJsonAsync($"/api/tasks/{(string)fire["id"]!}/approve",
            new { document = new { validFrom = "2026-12-03" } })).ReadJsonAsync();
        Assert.That(missing["errors"]!.AsObject().Select(e => e.Key), Is.EquivalentTo(new[] { "document.number", "document.name" }));
    }

    [Test]
    public async Task Delivery_lists_every_document_of_the_case()
    {
        var started = await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var i = 0;
        foreach (var task in started["tasks"]!.AsArray())
        {
            i++;
            var approved = await _app.Department((string)task!["department"]!).PostJsonAsync($"/api/tasks/{(string)task["id"]!}/approve",
                new { document = new { number = $"DOC-{i}", name = $"证照{i}", validFrom = "2026-12-03", validTo = i == 1 ? null : "2031-12-02", fileReference = $"elicence:DOC-{i}" } });
            Assert.That(approved.StatusCode, Is.EqualTo(HttpStatusCode.OK), await approved.Content.ReadAsStringAsync());
            Assert.That((string)(await approved.ReadJsonAsync())["document"]!["number"]!, Is.EqualTo($"DOC-{i}"));
        }

        var delivered = await _app.Window().PostJsonAsync($"/api/cases/{(string)started["id"]!}/deliver", new { method = "electronic" });
        var view = await delivered.ReadJsonAsync();
        Assert.That(delivered.StatusCode, Is.EqualTo(HttpStatusCode.OK), view.ToJsonString());
        Assert.That(view["documents"]!.AsArray().Select(d => (string)d!["document"]!["number"]!), Is.EquivalentTo(Enumerable.Range(1, i).Select(n => $"DOC-{n}")));

        var events = (await (await _app.Window().GetAsync($"/api/cases/{(string)started["id"]!}/events")).ReadJsonAsync()).AsArray();
        var delivery = events.Single(e => (string)e!["type"]! == "case-delivered")!;
        Assert.That(delivery["data"]!["documents"]!.AsArray(), Has.Count.EqualTo(i), "electronic delivery carries the documents");
    }
}
