using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Approval.Persistence.Tests.Legacy;

/// <summary>
/// The first schema. Written by hand (the EF design-time tools are not available here) with no
/// store types named, so each provider maps the CLR types itself; <c>UpgradeInPlaceTests</c>
/// proves the result equals the generated initial migration's schema.
/// </summary>
[DbContext(typeof(LegacySchemaContext))]
[Migration("20261123000001_InitialSchema")]
public sealed class M0001_InitialSchema : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "cases",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                WorkflowId = t.Column<string>(maxLength: 100, nullable: false),
                WorkflowVersion = t.Column<int>(nullable: false),
                Status = t.Column<string>(maxLength: 32, nullable: false),
                Version = t.Column<int>(nullable: false),
                StartedAt = t.Column<DateTime>(nullable: false),
                EndedAt = t.Column<DateTime>(nullable: true),
                DueAt = t.Column<DateTime>(nullable: true),
                DueProvisional = t.Column<bool>(nullable: false),
                NextAlertAt = t.Column<DateTime>(nullable: true),
                DueVersion = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_cases", x => x.Id));
        migrationBuilder.CreateIndex("IX_cases_NextAlertAt", "cases", "NextAlertAt");
        migrationBuilder.CreateIndex("IX_cases_Status_DueAt", "cases", ["Status", "DueAt"]);
        migrationBuilder.CreateIndex("IX_cases_WorkflowId_WorkflowVersion", "cases", ["WorkflowId", "WorkflowVersion"]);

        migrationBuilder.CreateTable(
            name: "case_events",
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CaseId = t.Column<Guid>(nullable: false),
                Sequence = t.Column<int>(nullable: false),
                Type = t.Column<string>(maxLength: 64, nullable: false),
                At = t.Column<DateTime>(nullable: false),
                ActorId = t.Column<string>(maxLength: 100, nullable: false),
                ActorRoles = t.Column<string>(maxLength: 200, nullable: false),
                ActorDepartment = t.Column<string>(maxLength: 100, nullable: true),
                Payload = t.Column<string>(nullable: false),
                Hash = t.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_case_events", x => x.Id));
        migrationBuilder.CreateIndex("IX_case_events_CaseId_Sequence", "case_events", ["CaseId", "Sequence"], unique: true);

        migrationBuilder.CreateTable(
            name: "tasks",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CaseId = t.Column<Guid>(nullable: false),
                StepId = t.Column<string>(maxLength: 100, nullable: false),
                Department = t.Column<string>(maxLength: 100, nullable: false),
                Role = t.Column<string>(maxLength: 100, nullable: true),
                Status = t.Column<string>(maxLength: 32, nullable: false),
                ClaimedBy = t.Column<string>(maxLength: 100, nullable: true),
                OpenedAt = t.Column<DateTime>(nullable: false),
                ClosedAt = t.Column<DateTime>(nullable: true),
                DueAt = t.Column<DateTime>(nullable: false),
                DueProvisional = t.Column<bool>(nullable: false),
                NextAlertAt = t.Column<DateTime>(nullable: true),
                DueVersion = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_tasks", x => x.Id));
        migrationBuilder.CreateIndex("IX_tasks_NextAlertAt", "tasks", "NextAlertAt");
        migrationBuilder.CreateIndex("IX_tasks_CaseId", "tasks", "CaseId");
        migrationBuilder.CreateIndex("IX_tasks_Department_Status_DueAt", "tasks", ["Department", "Status", "DueAt"]);
        migrationBuilder.CreateIndex("IX_tasks_Status_DueAt", "tasks", ["Status", "DueAt"]);

        migrationBuilder.CreateTable(
            name: "workflow_versions",
            columns: t => new
            {
                WorkflowId = t.Column<string>(maxLength: 100, nullable: false),
                Version = t.Column<int>(nullable: false),
                Name = t.Column<string>(maxLength: 200, nullable: false),
                ContentHash = t.Column<string>(maxLength: 64, nullable: false),
                Definition = t.Column<string>(nullable: false),
                SourceFile = t.Column<string>(maxLength: 400, nullable: true),
                PublishedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_workflow_versions", x => new { x.WorkflowId, x.Version }));
        migrationBuilder.CreateIndex("IX_workflow_versions_WorkflowId_ContentHash", "workflow_versions", ["WorkflowId", "ContentHash"], unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("workflow_versions");
        migrationBuilder.DropTable("tasks");
        migrationBuilder.DropTable("case_events");
        migrationBuilder.DropTable("cases");
    }
}
