using System.Text.Json;
using Approval.Calendar;
using Approval.Testing;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Persistence.Cases;
using Approval.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Persistence.Tests.Infrastructure;

/// <summary>A small bundle (intake, one department's review, delivery), the shipped calendar, and a <see cref="CaseStore"/> over a test database.</summary>
internal static class TestFlow
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    public static readonly Actor Window = new("window-1", "窗口", [ClerkRoles.WindowClerk], "window");

    public static readonly Actor Clerk = new("clerk@market-regulation", "clerk", [ClerkRoles.DepartmentClerk], "market-regulation");

    public static readonly WorkingCalendar Calendar = ShippedCalendar.Default;

    public static readonly PublishedWorkflow Workflow = new("persisted", 1, "存储测试", "hash-persisted", Monday, null, new WorkflowDefinition
    {
        Id = "persisted",
        Name = "存储测试",
        TimeLimit = TimeLimit.OfWorkingDays(5),
        Steps =
        [
            new IntakeStepDefinition { Id = "intake", Name = "受理" },
            new TaskStepDefinition { Id = "review", Name = "审查", Department = "market-regulation", TimeLimit = TimeLimit.OfWorkingDays(3) },
            new DeliveryStepDefinition { Id = "deliver", Name = "统一出件" },
        ],
    });

    public static StartCase Start() => new(Guid.NewGuid(), new Dictionary<string, JsonElement>());

    /// <summary>A new case's intake, as a write ready for a commit queue.</summary>
    public static CaseWrite Intake()
    {
        var state = new CaseState();
        var decision = CaseDecider.Decide(state, Start(), new DecisionContext(Workflow.Definition, 1, Calendar, Monday, Window));
        Assert.That(decision.Refusal, Is.Null);
        return CaseWrite.Prepare(state, EventHashChain.Genesis, decision.State, decision.Events, Workflow, Calendar);
    }

    /// <summary>
    /// A store over <paramref name="factory"/>; <paramref name="provider"/> picks the write path
    /// (the group-commit queue for <c>Sqlite</c> and <c>PostgreSql</c>, EF for SQL Server) whatever the factory's provider is.
    /// </summary>
    public static CaseStore Store(IDbContextFactory<ApprovalDbContext> factory, DatabaseOptions options)
    {
        var catalog = new WorkflowCatalog();
        catalog.Register(Workflow);
        return new CaseStore(factory, catalog, Calendar, new FakeTimeProvider(Monday), Options.Create(options), [], [], NullLogger<CaseStore>.Instance);
    }

}
