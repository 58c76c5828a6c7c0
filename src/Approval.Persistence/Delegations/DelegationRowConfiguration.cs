using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Approval.Persistence.Delegations;

/// <summary>Table <c>delegations</c>: picked up by <c>ApplyConfigurationsFromAssembly</c>.</summary>
internal sealed class DelegationRowConfiguration : IEntityTypeConfiguration<DelegationRow>
{
    public void Configure(EntityTypeBuilder<DelegationRow> e)
    {
        e.ToTable("delegations");
        e.HasKey(d => d.Id);
        e.Property(d => d.Department).HasMaxLength(100).IsRequired();
        e.Property(d => d.DelegatorId).HasMaxLength(200).IsRequired();
        e.Property(d => d.DelegatorName).HasMaxLength(200).IsRequired();
        e.Property(d => d.DelegateId).HasMaxLength(200).IsRequired();
        e.Property(d => d.Reason).HasMaxLength(500);
        e.Property(d => d.RevokedBy).HasMaxLength(200);
        // A delegate's commands look up what they stand in for; a delegator's grant checks overlaps.
        e.HasIndex(d => new { d.DelegateId, d.To });
        e.HasIndex(d => new { d.DelegatorId, d.To });
    }
}
