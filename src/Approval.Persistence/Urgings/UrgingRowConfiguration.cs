using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Approval.Persistence.Urgings;

/// <summary>Table <c>task_urgings</c>: picked up by <c>ApplyConfigurationsFromAssembly</c>.</summary>
internal sealed class UrgingRowConfiguration : IEntityTypeConfiguration<UrgingRow>
{
    public void Configure(EntityTypeBuilder<UrgingRow> e)
    {
        e.ToTable("task_urgings");
        e.HasKey(u => u.Id);
        e.Property(u => u.Department).HasMaxLength(100).IsRequired();
        e.Property(u => u.UrgedBy).HasMaxLength(200).IsRequired();
        // The screen counts a page of tasks' urgings at once.
        e.HasIndex(u => u.TaskId);
    }
}
