using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Approval.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class TaskKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "tasks",
                type: "nvarchar(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Approval");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Kind",
                table: "tasks");
        }
    }
}
