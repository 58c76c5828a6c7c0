using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Approval.Persistence.Tests.Legacy;

/// <summary>
/// Builds a database the way releases up to 2026-11 did: their hand-written migrations M0001..M0010
/// (kept verbatim in this folder, only re-attributed to this context), applied by EF, leaving their
/// rows in <c>__EFMigrationsHistory</c>. The upgrade tests start from such a database.
/// </summary>
internal sealed class LegacySchemaContext(DbContextOptions<LegacySchemaContext> options) : ApprovalDbContext(options)
{
    public static async Task BuildAsync(DatabaseOptions database)
    {
        var builder = new DbContextOptionsBuilder<LegacySchemaContext>();
        DatabaseSetup.Configure(builder, database);

        // Those releases had no model snapshot, so EF sees "pending" changes; they ran with this warning off.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        await using var db = new LegacySchemaContext(builder.Options);
        await db.Database.MigrateAsync();
    }
}
