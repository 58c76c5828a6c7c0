using Approval.Persistence.Rows;
using Microsoft.EntityFrameworkCore;

namespace Approval.Persistence;

/// <summary>
/// The service's database. Instants are stored as UTC <see cref="DateTime"/> so that every
/// provider can compare and index them (SQLite cannot order <see cref="DateTimeOffset"/>).
/// </summary>
/// <remarks>
/// The service always reads and writes through this type. Each provider's migrations belong to a
/// derived context of its own (<c>Migrations/*MigrationsContext</c>) that adds nothing to the model,
/// EF's "one context type per provider" pattern (docs/operations.md says why).
/// </remarks>
public class ApprovalDbContext : DbContext
{
    public ApprovalDbContext(DbContextOptions<ApprovalDbContext> options)
        : base(options)
    {
    }

    /// <summary>For the per-provider migrations contexts, which must not change the model.</summary>
    protected ApprovalDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<CaseRow> Cases => Set<CaseRow>();
    public DbSet<CaseEventRow> CaseEvents => Set<CaseEventRow>();
    public DbSet<TaskRow> Tasks => Set<TaskRow>();
    public DbSet<WorkflowVersionRow> WorkflowVersions => Set<WorkflowVersionRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CaseRow>(e =>
        {
            e.ToTable("cases");
            e.HasKey(c => c.Id);
            e.Property(c => c.WorkflowId).HasMaxLength(100).IsRequired();
            e.Property(c => c.Status).HasMaxLength(32).IsRequired();
            e.Property(c => c.Version).IsConcurrencyToken();
            e.HasIndex(c => new { c.Status, c.DueAt });
            e.HasIndex(c => c.NextAlertAt);
            e.HasIndex(c => new { c.WorkflowId, c.WorkflowVersion });
        });

        modelBuilder.Entity<CaseEventRow>(e =>
        {
            e.ToTable("case_events");
            e.HasKey(x => x.Id);
            e.Property(x => x.Type).HasMaxLength(64).IsRequired();
            e.Property(x => x.ActorId).HasMaxLength(100).IsRequired();
            e.Property(x => x.ActorRoles).HasMaxLength(200).IsRequired();
            e.Property(x => x.ActorDepartment).HasMaxLength(100);
            e.Property(x => x.Payload).IsRequired();
            e.Property(x => x.Hash).HasMaxLength(64).IsRequired();
            // The second guard of optimistic concurrency: two writers cannot both append event N.
            e.HasIndex(x => new { x.CaseId, x.Sequence }).IsUnique();
        });

        modelBuilder.Entity<TaskRow>(e =>
        {
            e.ToTable("tasks");
            e.HasKey(t => t.Id);
            e.Property(t => t.StepId).HasMaxLength(100).IsRequired();
            e.Property(t => t.Department).HasMaxLength(100).IsRequired();
            e.Property(t => t.Role).HasMaxLength(100);
            e.Property(t => t.Kind).HasMaxLength(16).IsRequired().HasDefaultValue("Approval");
            e.Property(t => t.Status).HasMaxLength(32).IsRequired();
            e.Property(t => t.ClaimedBy).HasMaxLength(100);
            e.HasIndex(t => t.CaseId);
            e.HasIndex(t => new { t.Department, t.Status, t.DueAt });
            e.HasIndex(t => new { t.Status, t.DueAt });
            // The deadline engine's sweep is one range scan on this index, however many tasks are open.
            e.HasIndex(t => t.NextAlertAt);
        });

        modelBuilder.Entity<WorkflowVersionRow>(e =>
        {
            e.ToTable("workflow_versions");
            e.HasKey(w => new { w.WorkflowId, w.Version });
            e.Property(w => w.WorkflowId).HasMaxLength(100);
            e.Property(w => w.Name).HasMaxLength(200).IsRequired();
            e.Property(w => w.ContentHash).HasMaxLength(64).IsRequired();
            e.Property(w => w.Definition).IsRequired();
            e.Property(w => w.SourceFile).HasMaxLength(400);
            // Not unique: a rollback publishes an older version's content again as a new version.
            e.HasIndex(w => new { w.WorkflowId, w.ContentHash });
        });

        // Later features (supervision, idempotency) bring their tables as configurations of their own.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ApprovalDbContext).Assembly);
    }
}
