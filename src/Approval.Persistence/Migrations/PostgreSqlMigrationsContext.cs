using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Approval.Persistence.Migrations;

/// <summary>The PostgreSQL migrations (folder <c>Migrations/PostgreSql</c>) belong to this type; the model is the base one.</summary>
public sealed class PostgreSqlMigrationsContext(DbContextOptions<PostgreSqlMigrationsContext> options) : ApprovalDbContext(options);

/// <summary>
/// Lets <c>dotnet ef ... --context PostgreSqlMigrationsContext</c> build the context; an argument after
/// <c>--</c> is the connection string (default: a local server, only needed by commands that connect).
/// </summary>
internal sealed class PostgreSqlMigrationsContextFactory : IDesignTimeDbContextFactory<PostgreSqlMigrationsContext>
{
    public PostgreSqlMigrationsContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlMigrationsContext>().UseNpgsql(args.FirstOrDefault() ?? "Host=localhost;Database=approval;Username=approval").Options);
}
