using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Approval.Persistence.Migrations;

/// <summary>The SQL Server migrations (folder <c>Migrations/SqlServer</c>) belong to this type; the model is the base one.</summary>
public sealed class SqlServerMigrationsContext(DbContextOptions<SqlServerMigrationsContext> options) : ApprovalDbContext(options);

/// <summary>
/// Lets <c>dotnet ef ... --context SqlServerMigrationsContext</c> build the context; an argument after
/// <c>--</c> is the connection string (default: a local server, only needed by commands that connect).
/// </summary>
internal sealed class SqlServerMigrationsContextFactory : IDesignTimeDbContextFactory<SqlServerMigrationsContext>
{
    public SqlServerMigrationsContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerMigrationsContext>().UseSqlServer(args.FirstOrDefault() ?? "Server=localhost;Database=approval;Integrated Security=true;TrustServerCertificate=true").Options);
}
