using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence.Tests;

/// <summary>
/// The SQL EF generates on SQL Server for the query shapes the service uses, checked without a server:
/// status lists become plain parameters (no <c>OPENJSON</c>, so no minimum compatibility level) and
/// instants are <c>datetime2</c> parameters compared with <c>datetime2</c> columns.
/// </summary>
public class SqlServerQueryTests
{
    private static ApprovalDbContext Open()
    {
        var builder = new DbContextOptionsBuilder<ApprovalDbContext>();
        DatabaseSetup.Configure(builder, Migrations.PendingModelChangesTests.Offline(DatabaseProvider.SqlServer));
        return new ApprovalDbContext(builder.Options);
    }

    [Test]
    public void An_inbox_query_uses_plain_parameters_for_its_status_list_and_datetime2_for_instants()
    {
        using var db = Open();
        string[] statuses = ["Open", "Claimed"];
        var now = new DateTime(2026, 3, 2, 2, 0, 0, DateTimeKind.Utc);
        var sql = db.Tasks.Where(t => t.Department == "fire-rescue" && statuses.Contains(t.Status) && t.DueAt < now).OrderBy(t => t.DueAt).Take(50).ToQueryString();
        Assert.Multiple(() =>
        {
            Assert.That(sql, Does.Contain("[t].[Status] IN (@statuses1, @statuses2)"));
            Assert.That(sql, Does.Not.Contain("OPENJSON"));
            Assert.That(sql, Does.Contain("DECLARE @now datetime2"));
            Assert.That(sql, Does.Contain("SELECT TOP(@p)"));
        });
    }

    [Test]
    public void A_department_count_groups_on_the_server()
    {
        using var db = Open();
        var sql = db.Tasks.GroupBy(t => t.Department).Select(g => new { g.Key, Open = g.Count() }).ToQueryString();
        Assert.That(sql, Does.Contain("GROUP BY [t].[Department]"));
    }
}
