using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Supervision;
using Approval.Persistence.Workflows;
using Approval.Supervision.Hosting;
using Approval.Supervision.Outbox;
using Approval.Supervision.Queries;
using Approval.Supervision.Sweep;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Tests.Infrastructure;

/// <summary>
/// One service process as far as supervision is concerned: persistence, the engine and the deadline
/// engine composed as the API composes them, over a shared database file. Two nodes on one file are
/// two processes racing; disposing one and starting another is a restart.
/// </summary>
internal sealed class Node : IAsyncDisposable
{
    private readonly IHost _host;

    private Node(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;
    public CaseStore Store => Services.GetRequiredService<CaseStore>();
    public DeadlineSweeper Sweeper => Services.GetRequiredService<DeadlineSweeper>();
    public Hangfire.JobStorage JobStorage => Services.GetRequiredService<Hangfire.JobStorage>();
    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();
    public DeadLetters DeadLetters => Services.GetRequiredService<DeadLetters>();
    public CardQueries Cards => Services.GetRequiredService<CardQueries>();

    /// <param name="scheduler">Run the Hangfire server (timers, safety net, delivery) and the start-up catch-up, as the service does; otherwise tests drive the jobs.</param>
    public static Task<Node> StartAsync(TempDatabase database, TimeProvider clock, bool scheduler = false, Dictionary<string, string?>? settings = null) =>
        StartAsync(DatabaseProvider.Sqlite, database.ConnectionString, clock, scheduler, settings);

    /// <summary>A node on any provider (PostgreSQL tests pass a connection string of their own).</summary>
    public static async Task<Node> StartAsync(string provider, string connectionString, TimeProvider clock, bool scheduler = false, Dictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
            ["Supervision:Enabled"] = scheduler ? "true" : "false",
            // Short Hangfire polling so tests with the real server finish in seconds; the safety net
            // keeps its default minute, so what a test sees on time was done by a timer.
            ["Supervision:Hangfire:SchedulePollingInterval"] = "00:00:00.2",
            ["Supervision:Hangfire:QueuePollInterval"] = "00:00:00.1",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? []);
        if (Environment.GetEnvironmentVariable("SUPERVISION_TEST_LOGS") is null)
        {
            builder.Logging.AddFilter(_ => false);
        }
        else
        {
            builder.Logging.AddSimpleConsole();
        }

        var services = builder.Services;
        services.AddSingleton(clock);
        services.AddOptions<DatabaseOptions>().Bind(builder.Configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton(Flows.Calendar);
        var catalog = new WorkflowCatalog();
        catalog.Register(Flows.Bundle());
        services.AddSingleton(catalog);
        services.AddApprovalPersistence();
        services.AddApprovalSupervision(builder.Configuration);

        var host = builder.Build();
        await using (var db = await host.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync())
        {
            await DatabaseSetup.MigrateAsync(db);
        }

        await host.StartAsync();
        return new Node(host);
    }

    /// <summary>Completes when the start-up catch-up has run (scheduler nodes only).</summary>
    public Task CatchUp => Services.GetRequiredService<CatchUpService>().Completed;

    public async Task<CaseState> StartCaseAsync()
    {
        var outcome = await Store.StartAsync(Flows.Bundle(), new StartCase(Guid.NewGuid(), Flows.NoData), new Actor("window-1", "窗口", [ClerkRoles.WindowClerk], "window"));
        Assert.That(outcome.Refusal, Is.Null, "start");
        return outcome.State!;
    }

    public async Task<CaseState> DoAsync(CaseState state, Func<CaseState, CaseCommand> command, Actor actor)
    {
        var fresh = (await Store.LoadAsync(state.CaseId))!.State;
        var outcome = await Store.ExecuteAsync(state.CaseId, command(fresh), actor);
        Assert.That(outcome.Refusal, Is.Null, "command");
        return outcome.State!;
    }

    public static Actor Clerk(string department) => new("clerk@" + department, "clerk", [ClerkRoles.DepartmentClerk], department);

    public async Task<List<SupervisionCardRow>> CardRowsAsync()
    {
        await using var db = await Db();
        return await db.Set<SupervisionCardRow>().AsNoTracking().ToListAsync();
    }

    public async Task<List<OutboxMessageRow>> OutboxAsync()
    {
        await using var db = await Db();
        return await db.Set<OutboxMessageRow>().AsNoTracking().ToListAsync();
    }

    public async Task<IReadOnlyList<Engine.Cases.Events.CaseEvent>> HistoryAsync(Guid caseId) => (await Store.LoadAsync(caseId))!.Events;

    public Task<ApprovalDbContext> Db() => Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
