using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Approval.Persistence.Statistics;

/// <summary>Table <c>supervision_daily</c>: picked up by <c>ApplyConfigurationsFromAssembly</c>.</summary>
internal sealed class DailyCounterRowConfiguration : IEntityTypeConfiguration<DailyCounterRow>
{
    public void Configure(EntityTypeBuilder<DailyCounterRow> e)
    {
        e.ToTable("supervision_daily");
        e.HasKey(c => new { c.Day, c.Department, c.Counter });
        e.Property(c => c.Department).HasMaxLength(100);
        e.Property(c => c.Counter).HasMaxLength(64);
    }
}

/// <summary>Table <c>supervision_standing</c>.</summary>
internal sealed class StandingCounterRowConfiguration : IEntityTypeConfiguration<StandingCounterRow>
{
    public void Configure(EntityTypeBuilder<StandingCounterRow> e)
    {
        e.ToTable("supervision_standing");
        e.HasKey(c => new { c.Department, c.Counter });
        e.Property(c => c.Department).HasMaxLength(100);
        e.Property(c => c.Counter).HasMaxLength(64);
    }
}

/// <summary>Table <c>supervision_totals</c>.</summary>
internal sealed class TotalCounterRowConfiguration : IEntityTypeConfiguration<TotalCounterRow>
{
    public void Configure(EntityTypeBuilder<TotalCounterRow> e)
    {
        e.ToTable("supervision_totals");
        e.HasKey(c => new { c.Department, c.Counter });
        e.Property(c => c.Department).HasMaxLength(100);
        e.Property(c => c.Counter).HasMaxLength(64);
    }
}

/// <summary>Table <c>supervision_deltas</c>: append-only until folded.</summary>
internal sealed class CounterDeltaRowConfiguration : IEntityTypeConfiguration<CounterDeltaRow>
{
    public void Configure(EntityTypeBuilder<CounterDeltaRow> e)
    {
        e.ToTable("supervision_deltas");
        e.HasKey(c => c.Id);
        e.Property(c => c.Department).HasMaxLength(100).IsRequired();
        e.Property(c => c.Counter).HasMaxLength(64).IsRequired();
    }
}
