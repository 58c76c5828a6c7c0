using System.Net;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Persistence;
using Approval.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Api.Tests;

/// <summary>Issue 12 finding 6: a department with thousands of open tasks pages through all of them exactly once.</summary>
public class PagingTests
{
    private const int OpenTasks = 3362;

    [Test]
    public async Task An_inbox_of_3362_open_tasks_pages_through_each_exactly_once_in_due_order()
    {
        using var app = new ApprovalApp();
        _ = app.Server;
        var caseId = Guid.NewGuid();
        var start = new DateTime(2026, 12, 1, 1, 0, 0, DateTimeKind.Utc);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync())
        {
            db.Cases.Add(new CaseRow { Id = caseId, WorkflowId = "open-restaurant", WorkflowVersion = 1, Status = "Running", Version = 1, StartedAt = start });
            // Many tasks share a due instant (a whole intake batch), so the id must break ties for the order to be total.
            db.Tasks.AddRange(Enumerable.Range(0, OpenTasks).Select(i => new TaskRow
            {
                Id = Guid.NewGuid(), CaseId = caseId, StepId = "fire", Department = "fire-rescue", Status = i % 3 == 0 ? "Claimed" : "Open",
                OpenedAt = start, DueAt = start.AddHours(i % 97),
            }));
            await db.SaveChangesAsync();
        }

        var clerk = app.Department("fire-rescue");
        var seen = new List<(DateTimeOffset Due, Guid Id)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var response = await clerk.GetAsync($"/api/tasks?status=open&limit=500{(cursor is null ? "" : "&cursor=" + cursor)}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var page = await response.ReadJsonAsync();
            var items = page["items"]!.AsArray();
            Assert.That(items, Has.Count.LessThanOrEqualTo(500));
            seen.AddRange(items.Select(t => ((DateTimeOffset)t!["due"]!["at"]!, (Guid)t["id"]!)));
            cursor = (string?)page["nextCursor"];
            pages++;
        }
        while (cursor is not null && pages < 100);

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(7), "3362 tasks in pages of 500");
            Assert.That(seen, Has.Count.EqualTo(OpenTasks));
            Assert.That(seen.Select(s => s.Id).Distinct().Count(), Is.EqualTo(OpenTasks), "no task twice");
            Assert.That(seen.Select(s => s.Due), Is.Ordered, "earliest due first across pages");
        });
    }

    [Test]
    public async Task Cards_page_newest_first_each_exactly_once_across_equal_instants()
    {
        using var app = new ApprovalApp();
        _ = app.Server;
        var at = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync())
        {
            db.Set<Approval.Persistence.Supervision.SupervisionCardRow>().AddRange(Enumerable.Range(0, 25).Select(i => new Approval.Persistence.Supervision.SupervisionCardRow
            {
                Id = Guid.NewGuid(), CaseId = Guid.NewGuid(), TaskId = Guid.NewGuid(), WorkflowId = "open-restaurant", StepId = "fire", Department = "fire-rescue",
                Level = "yellow", DeadlineAt = at, DueVersion = 1, CardAt = at, IssuedAt = at.AddMinutes(i / 4),
            }));
            await db.SaveChangesAsync();
        }

        var boss = app.ClientAs(Approval.Engine.Cases.ClerkRoles.Supervisor, null, "boss");
        var seen = new List<(DateTimeOffset Issued, Guid Id)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await boss.GetAsync($"/api/supervision/cards?limit=10{(cursor is null ? "" : "&cursor=" + cursor)}")).ReadJsonAsync();
            seen.AddRange(page["items"]!.AsArray().Select(c => ((DateTimeOffset)c!["issuedAt"]!, (Guid)c["id"]!)));
            cursor = (string?)page["nextCursor"];
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(3));
            Assert.That(seen.Select(c => c.Id).Distinct().Count(), Is.EqualTo(25));
            Assert.That(seen.Select(c => c.Issued), Is.Ordered.Descending);
        });
    }

    [Test]
    public async Task Dead_letters_page_newest_first_each_exactly_once_across_equal_instants()
    {
        using var app = new ApprovalApp();
        _ = app.Server;
        var at = new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync())
        {
            // Four dead letters share each instant, so the id must break ties; a delivered one must not show.
            db.Set<Approval.Persistence.Supervision.OutboxMessageRow>().AddRange(Enumerable.Range(0, 26).Select(i => new Approval.Persistence.Supervision.OutboxMessageRow
            {
                Id = Guid.NewGuid(), EventId = Guid.NewGuid(), Channel = "hook", Kind = "red", CaseId = Guid.NewGuid(), Department = "fire-rescue", Payload = "{}",
                Status = i == 25 ? Approval.Persistence.Supervision.OutboxStatus.Delivered : Approval.Persistence.Supervision.OutboxStatus.Dead,
                CreatedAt = at, AgeFrom = at, Attempts = 3, DeadAt = i == 25 ? null : at.AddMinutes(i / 4),
            }));
            await db.SaveChangesAsync();
        }

        var boss = app.ClientAs(Approval.Engine.Cases.ClerkRoles.Supervisor, null, "boss");
        var seen = new List<(DateTimeOffset Dead, Guid Id)>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var response = await boss.GetAsync($"/api/supervision/dead-letters?limit=10{(cursor is null ? "" : "&cursor=" + cursor)}");
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var page = await response.ReadJsonAsync();
            seen.AddRange(page["items"]!.AsArray().Select(m => ((DateTimeOffset)m!["deadAt"]!, (Guid)m["id"]!)));
            cursor = (string?)page["nextCursor"];
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.Multiple(() =>
        {
            Assert.That(pages, Is.EqualTo(3), "25 dead letters in pages of 10");
            Assert.That(seen.Select(m => m.Id).Distinct().Count(), Is.EqualTo(25), "each dead letter once, the delivered one never");
            Assert.That(seen.Select(m => m.Dead), Is.Ordered.Descending);
        });
    }

    [TestCase("/api/supervision/dead-letters?cursor=bm9wZQ", "cursor")]
    [TestCase("/api/supervision/dead-letters?cursor=!!", "cursor")]
    [TestCase("/api/supervision/dead-letters?limit=1001", "limit")]
    [TestCase("/api/supervision/cards?cursor=!!", "cursor")]
    public async Task A_bad_dead_letter_or_card_cursor_or_limit_is_a_400_naming_it(string url, string field)
    {
        using var app = new ApprovalApp();
        await ProblemsTests.AssertProblem(await app.ClientAs(Approval.Engine.Cases.ClerkRoles.Supervisor, null, "boss").GetAsync(url), HttpStatusCode.BadRequest, field);
    }

    [TestCase("/api/tasks?department=fire-rescue&cursor=bm9wZQ", "cursor")]
    [TestCase("/api/tasks?department=fire-rescue&cursor=!!", "cursor")]
    [TestCase("/api/tasks?department=fire-rescue&cursor=a", "cursor")]
    [TestCase("/api/tasks?department=fire-rescue&cursor=%E4%B8%AD", "cursor")]
    [TestCase("/api/tasks?department=fire-rescue&cursor=bm9wZQ==", "cursor")]
    [TestCase("/api/tasks?department=fire-rescue&limit=501", "limit")]
    [TestCase("/api/tasks?department=fire-rescue&limit=0", "limit")]
    public async Task A_bad_cursor_or_limit_is_a_400_naming_it(string url, string field)
    {
        using var app = new ApprovalApp();
        await ProblemsTests.AssertProblem(await app.Department("fire-rescue").GetAsync(url), HttpStatusCode.BadRequest, field);
    }

    [Test]
    public async Task A_cursor_of_one_list_is_refused_by_another()
    {
        using var app = new ApprovalApp();
        await app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        await app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var first = await (await app.Department("fire-rescue").GetAsync("/api/tasks?limit=1")).ReadJsonAsync();
        var cursor = (string)first["nextCursor"]!;
        var boss = app.ClientAs(Approval.Engine.Cases.ClerkRoles.Supervisor, null, "boss");
        await ProblemsTests.AssertProblem(await boss.GetAsync($"/api/supervision/cards?cursor={cursor}"), HttpStatusCode.BadRequest, "cursor", "invalid-cursor");
        var second = await (await app.Department("fire-rescue").GetAsync($"/api/tasks?limit=1&cursor={cursor}")).ReadJsonAsync();
        Assert.That((string)second["items"]![0]!["id"]!, Is.Not.EqualTo((string)first["items"]![0]!["id"]!));
        Assert.That(second["nextCursor"], Is.Null, "two tasks, two pages");
    }
}
