using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Approval.Persistence.Migrations;

/// <summary>
/// A rollback publishes an older version's content again as a new version, so the same content may
/// now appear under two versions of a workflow: the (workflow, content hash) index stays for the
/// look-up but is no longer unique. The (workflow, version) key still orders concurrent publishes.
/// </summary>
[DbContext(typeof(ApprovalDbContext))]
[Migration("20261202000011_RollbackVersions")]
public sealed class M0011_RollbackVersions : Migration
{
    private const string Index = "IX_workflow_versions_WorkflowId_ContentHash";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: Index, table: "workflow_versions");
        migrationBuilder.CreateIndex(name: Index, table: "workflow_versions", columns: ["WorkflowId", "ContentHash"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: Index, table: "workflow_versions");
        migrationBuilder.CreateIndex(name: Index, table: "workflow_versions", columns: ["WorkflowId", "ContentHash"], unique: true);
    }
}
