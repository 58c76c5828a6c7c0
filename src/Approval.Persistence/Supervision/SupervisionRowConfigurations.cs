using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Approval.Persistence.Supervision;

/// <summary>Table <c>supervision_cards</c>: picked up by <c>ApplyConfigurationsFromAssembly</c>.</summary>
internal sealed class SupervisionCardRowConfiguration : IEntityTypeConfiguration<SupervisionCardRow>
{
    public void Configure(EntityTypeBuilder<SupervisionCardRow> e)
    {
        e.ToTable("supervision_cards");
        e.HasKey(c => c.Id);
        e.Property(c => c.WorkflowId).HasMaxLength(100).IsRequired();
        e.Property(c => c.StepId).HasMaxLength(100);
        e.Property(c => c.Department).HasMaxLength(100);
        e.Property(c => c.Level).HasMaxLength(32).IsRequired();
        // The supervisors' list: by department, newest first.
        e.HasIndex(c => new { c.Department, c.IssuedAt });
        e.HasIndex(c => c.IssuedAt);
        e.HasIndex(c => c.CaseId);
    }
}

/// <summary>Table <c>outbox_messages</c>: picked up by <c>ApplyConfigurationsFromAssembly</c>.</summary>
internal sealed class OutboxMessageRowConfiguration : IEntityTypeConfiguration<OutboxMessageRow>
{
    public void Configure(EntityTypeBuilder<OutboxMessageRow> e)
    {
        e.ToTable("outbox_messages");
        e.HasKey(m => m.Id);
        e.Property(m => m.Channel).HasMaxLength(100).IsRequired();
        e.Property(m => m.Kind).HasMaxLength(32).IsRequired();
        e.Property(m => m.Department).HasMaxLength(100);
        e.Property(m => m.Payload).IsRequired();
        e.Property(m => m.Status).HasMaxLength(16).IsRequired();
        e.Property(m => m.LastError).HasMaxLength(1000);
        // The dispatcher's poll is one range scan: pending rows whose attempt is due.
        e.HasIndex(m => new { m.Status, m.NextAttemptAt });
        e.HasIndex(m => m.EventId);
    }
}
