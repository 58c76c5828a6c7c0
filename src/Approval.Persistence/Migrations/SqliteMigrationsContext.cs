using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Approval.Persistence.Migrations;

/// <summary>The SQLite migrations (folder <c>Migrations/Sqlite</c>) belong to this type; the model is the base one.</summary>
public sealed class SqliteMigrationsContext(DbContextOptions<SqliteMigrationsContext> options) : ApprovalDbContext(options);

/// <summary>
/// Lets <c>dotnet ef ... --context SqliteMigrationsContext</c> build the context; an argument after
/// <c>--</c> is the connection string (default: the service's default file).
/// </summary>
internal sealed class SqliteMigrationsContextFactory : IDesignTimeDbContextFactory<SqliteMigrationsContext>
{
    public SqliteMigrationsContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMigrationsContext>().UseSqlite(args.FirstOrDefault() ?? new DatabaseOptions().ConnectionString).Options);
}
