using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Rows;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Approval.Persistence.Tests;

/// <summary>
/// A migrated SQLite file holding cases written the way <see cref="CaseStore"/> writes them: real
/// serialized events, numbered from 1, each hash chained by <see cref="EventHashChain"/>.
/// </summary>
internal sealed class AuditTrailDatabase : IAsyncDisposable
{
    private static readonly Actor Wang = new("wang@fire-rescue", "王", ["department-clerk"], "fire-rescue");
    private readonly string _folder = Directory.CreateTempSubdirectory("approval-audit").FullName;

    private AuditTrailDatabase()
    {
        var options = new DbContextOptionsBuilder<ApprovalDbContext>();
        DatabaseSetup.Configure(options, new DatabaseOptions { ConnectionString = ConnectionString });
        Factory = new PooledDbContextFactory<ApprovalDbContext>(options.Options);
    }

    public string Path => System.IO.Path.Combine(_folder, "approval.db");

    public string ConnectionString => $"Data Source={Path}";

    public IDbContextFactory<ApprovalDbContext> Factory { get; }

    public static async Task<AuditTrailDatabase> CreateAsync()
    {
        var database = new AuditTrailDatabase();
        await using var db = await database.Factory.CreateDbContextAsync();
        await DatabaseSetup.MigrateAsync(db);
        return database;
    }

    /// <summary>Writes a case with <paramref name="events"/> events (claims and releases of one task) and its case row.</summary>
    public async Task<Guid> AddCaseAsync(int events)
    {
        var caseId = Guid.NewGuid();
        var taskId = Guid.NewGuid();
        var at = new DateTimeOffset(2026, 11, 23, 1, 0, 0, TimeSpan.Zero);
        await using var db = await Factory.CreateDbContextAsync();
        var history = Enumerable.Range(1, events).Select(sequence =>
        {
            CaseEvent e = sequence % 2 == 1 ? new TaskClaimed(taskId, Wang.UserId) : new TaskReleased(taskId);
            return e with { At = at.AddMinutes(sequence), Actor = Wang, Command = "test" };
        });
        db.CaseEvents.AddRange(EventRows.Chain(caseId, 0, EventHashChain.Genesis, history));

        db.Cases.Add(new CaseRow { Id = caseId, WorkflowId = "open-restaurant", WorkflowVersion = 1, Status = "Running", Version = events, StartedAt = at.UtcDateTime });
        await db.SaveChangesAsync();
        return caseId;
    }

    /// <summary>Raw SQL, as someone with database access would tamper. Returns the rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Database.ExecuteSqlRawAsync(sql, parameters);
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
