using Approval.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Api.Tests.Infrastructure;

/// <summary>Reads the service's own database, so tests can prove that a refused call wrote nothing.</summary>
internal static class Database
{
    /// <summary>The settings that put the service on a server database instead of the default SQLite file.</summary>
    public static Dictionary<string, string?> On(string provider, string connectionString) => new()
    {
        ["Database:Provider"] = provider,
        ["Database:ConnectionString"] = connectionString,
    };

    public static async Task<(int Cases, int Events, int Tasks)> CountAsync(this ApprovalApp app)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return (await db.Cases.CountAsync(), await db.CaseEvents.CountAsync(), await db.Tasks.CountAsync());
    }
}
