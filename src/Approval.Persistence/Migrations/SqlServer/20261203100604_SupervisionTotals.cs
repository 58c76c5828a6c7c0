using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Approval.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class SupervisionTotals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "supervision_totals",
                columns: table => new
                {
                    Department = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Counter = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_supervision_totals", x => new { x.Department, x.Counter });
                });

            // A database that already has daily counters starts with their sums, so the totals agree at once.
            migrationBuilder.Sql("""
                INSERT INTO supervision_totals ("Department", "Counter", "Value")
                SELECT "Department", "Counter", SUM("Value") FROM supervision_daily GROUP BY "Department", "Counter";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "supervision_totals");
        }
    }
}
