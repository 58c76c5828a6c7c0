using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Approval.Persistence.Tests.Legacy;

/// <summary>
/// Table <c>idempotency_keys</c> (see <c>Idempotency/IdempotencyKeyConfiguration</c>). Hand-written
/// with no store types, like M0001; <c>UpgradeInPlaceTests</c> checks the set against the generated initial migration.
/// </summary>
[DbContext(typeof(LegacySchemaContext))]
[Migration("20261123000003_Idempotency")]
public sealed class M0003_Idempotency : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "idempotency_keys",
            columns: t => new
            {
                UserId = t.Column<string>(maxLength: 100, nullable: false),
                Key = t.Column<string>(maxLength: 100, nullable: false),
                Method = t.Column<string>(maxLength: 16, nullable: false),
                Path = t.Column<string>(maxLength: 2000, nullable: false),
                RequestHash = t.Column<string>(maxLength: 64, nullable: false),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                ResponseStatus = t.Column<int>(nullable: true),
                ResponseBody = t.Column<byte[]>(nullable: true),
                ResponseContentType = t.Column<string>(maxLength: 200, nullable: true),
                ResponseLocation = t.Column<string>(maxLength: 2000, nullable: true),
                CreatedAt = t.Column<DateTime>(nullable: false),
                CompletedAt = t.Column<DateTime>(nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_idempotency_keys", x => new { x.UserId, x.Key }));
        migrationBuilder.CreateIndex("IX_idempotency_keys_CreatedAt", "idempotency_keys", "CreatedAt");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("idempotency_keys");
    }
}
