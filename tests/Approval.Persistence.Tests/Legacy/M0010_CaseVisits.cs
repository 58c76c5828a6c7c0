using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Approval.Persistence.Tests.Legacy;

/// <summary>The case row keeps its visit count (跑动次数), so supervision can report the one-visit rate without reading events.</summary>
[DbContext(typeof(LegacySchemaContext))]
[Migration("20261124000010_CaseVisits")]
public sealed class M0010_CaseVisits : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<int>(name: "Visits", table: "cases", nullable: false, defaultValue: 0);

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn(name: "Visits", table: "cases");
}
