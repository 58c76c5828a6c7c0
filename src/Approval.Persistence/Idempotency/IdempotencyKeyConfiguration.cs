using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Approval.Persistence.Idempotency;

/// <summary>Table <c>idempotency_keys</c>; picked up by <c>ApplyConfigurationsFromAssembly</c>. Built by migration M0003.</summary>
internal sealed class IdempotencyKeyConfiguration : IEntityTypeConfiguration<IdempotencyKeyRow>
{
    public const int MaxKeyLength = 100;

    public void Configure(EntityTypeBuilder<IdempotencyKeyRow> e)
    {
        e.ToTable("idempotency_keys");

        // The key is unique per user; making (UserId, Key) the primary key is what turns the
        // reserving INSERT into the lock: a second INSERT of the same pair fails on every provider.
        e.HasKey(k => new { k.UserId, k.Key });
        e.Property(k => k.UserId).HasMaxLength(100);
        e.Property(k => k.Key).HasMaxLength(MaxKeyLength);
        e.Property(k => k.Method).HasMaxLength(16).IsRequired();
        e.Property(k => k.Path).HasMaxLength(2000).IsRequired();
        e.Property(k => k.RequestHash).HasMaxLength(64).IsRequired();
        e.Property(k => k.Status).HasMaxLength(16).IsRequired();
        e.Property(k => k.ResponseContentType).HasMaxLength(200);
        e.Property(k => k.ResponseLocation).HasMaxLength(2000);

        // Purging expired keys is one range scan.
        e.HasIndex(k => k.CreatedAt);
    }
}
