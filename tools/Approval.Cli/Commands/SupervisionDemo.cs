using System.Text.Json;
using Approval.Calendar;
using Approval.Definitions.Departments;
using Approval.Definitions.Loading;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Statistics;
using Approval.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval supervision demo</c>: writes demo cases of 开餐馆 into the service's database through
/// the real engine and store, on a clock set back over the last weeks — most finished (some with a
/// pickup visit, rated), the rest still open, the older of those past due, so the screen shows green,
/// yellow and red once the service's deadline sweep has issued their cards.
/// </summary>
internal static class SupervisionDemo
{
    private const string WorkflowId = "open-restaurant";

    public static async Task<int> RunAsync(IDbContextFactory<ApprovalDbContext> factory, DatabaseOptions database, WorkingCalendar calendar, DepartmentRegistry departments, int cases, TextWriter output, CancellationToken cancellationToken)
    {
        var clock = new DemoClock(DateTimeOffset.UtcNow);
        var catalog = new WorkflowCatalog();
        var publisher = new WorkflowPublisher(factory, catalog, clock, NullLogger<WorkflowPublisher>.Instance);
        await publisher.LoadStoredAsync(json => DefinitionLoader.Load(json, "stored version", departments).Definition, cancellationToken).ConfigureAwait(false);
        if (catalog.Latest(WorkflowId) is not { } workflow)
        {
            throw new InvalidOperationException($"'{WorkflowId}' is not published in this database: start the service once first (it publishes workflows/).");
        }

        // The counters are kept as the service keeps them; the cards come from the service's own sweep when it next runs.
        // Composed as the service composes it, on the demo's clock and with only the counters as a sink.
        await using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(calendar)
            .AddSingleton(catalog)
            .AddSingleton<ICaseEventSink>(new CounterSink(calendar))
            .AddApprovalPersistence(database)
            .BuildServiceProvider();
        var store = services.GetRequiredService<CaseStore>();

        var window = new Actor("window@demo", "综合窗口", [ClerkRoles.WindowClerk], "window");
        var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"hasOutdoorSign": true, "seats": 40}""")!;
        var materials = workflow.Definition.Materials.Where(m => m.Required).Select(m => new MaterialInput(m.Id, true, null)).ToList();
        var now = DateTimeOffset.UtcNow;
        int finished = 0, open = 0;
        for (var i = 0; i < cases; i++)
        {
            // Spread over the last 20 days, in office hours; every fourth case stays open.
            var daysAgo = i * 20 / Math.Max(1, cases);
            clock.Now = now.AddDays(-daysAgo).AddHours(-6).AddMinutes(-i);
            var caseId = Guid.CreateVersion7(clock.Now);
            var started = await store.StartAsync(workflow, new StartCase(caseId, data, new ApplicantInput("person", "11010519491231002X", "张三", "13800000000"), materials), window, cancellationToken).ConfigureAwait(false);
            if (started.Refusal is { } refused)
            {
                throw new InvalidOperationException($"intake refused: {refused.Code} {refused.Message}");
            }

            if (i % 4 == 3)
            {
                open++;
                continue;
            }

            // Finished within 0–3 working days (some later than their 1-day items allow), delivered and rated.
            clock.Now = clock.Now.AddDays(Math.Min(daysAgo, i % 4)).AddHours(1);
            foreach (var task in started.State!.Tasks.ToList())
            {
                var clerk = new Actor("clerk@" + task.Department, "科员", [ClerkRoles.DepartmentClerk], task.Department);
                await store.ExecuteAsync(caseId, new ApproveTask(task.TaskId, "准予许可", null), clerk, cancellationToken).ConfigureAwait(false);
            }

            await store.ExecuteAsync(caseId, new DeliverCase(i % 3 == 0 ? "pickup" : "electronic", null), window, cancellationToken).ConfigureAwait(false);
            await store.ExecuteAsync(caseId, new RateService(i % 5 == 4 ? 2 : 4 + (i % 2), null), window, cancellationToken).ConfigureAwait(false);
            finished++;
        }

        output.WriteLine($"Wrote {cases} demo cases of {WorkflowId}: {finished} finished, {open} still open (the older ones past due).");
        return finished + open;
    }

    /// <summary>The business clock of the demo, set to each action's instant in turn.</summary>
    private sealed class DemoClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
