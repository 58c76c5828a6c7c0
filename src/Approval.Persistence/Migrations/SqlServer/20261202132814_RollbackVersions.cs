using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Approval.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RollbackVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_versions_WorkflowId_ContentHash",
                table: "workflow_versions");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_versions_WorkflowId_ContentHash",
                table: "workflow_versions",
                columns: new[] { "WorkflowId", "ContentHash" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_workflow_versions_WorkflowId_ContentHash",
                table: "workflow_versions");

            migrationBuilder.CreateIndex(
                name: "IX_workflow_versions_WorkflowId_ContentHash",
                table: "workflow_versions",
                columns: new[] { "WorkflowId", "ContentHash" },
                unique: true);
        }
    }
}
