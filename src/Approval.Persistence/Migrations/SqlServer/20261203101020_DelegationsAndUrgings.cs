using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Approval.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class DelegationsAndUrgings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "delegations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Department = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    DelegatorId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DelegatorName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DelegateId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    From = table.Column<DateTime>(type: "datetime2", nullable: false),
                    To = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_delegations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "task_urgings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CaseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TaskId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Department = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    UrgedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Insisted = table.Column<bool>(type: "bit", nullable: false),
                    UrgedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_urgings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_delegations_DelegateId_To",
                table: "delegations",
                columns: new[] { "DelegateId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_delegations_DelegatorId_To",
                table: "delegations",
                columns: new[] { "DelegatorId", "To" });

            migrationBuilder.CreateIndex(
                name: "IX_task_urgings_TaskId",
                table: "task_urgings",
                column: "TaskId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "delegations");

            migrationBuilder.DropTable(
                name: "task_urgings");
        }
    }
}
