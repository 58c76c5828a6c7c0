using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Approval.Persistence.Tests.Legacy;

/// <summary>
/// Electronic supervision: the card rows supervisors query and the transactional outbox of alerts.
/// Written by hand like <see cref="M0001_InitialSchema"/>, with no store types named, so each
/// provider maps the CLR types; <c>UpgradeInPlaceTests</c> proves the set matches the generated initial migration.
/// </summary>
[DbContext(typeof(LegacySchemaContext))]
[Migration("20261123000002_Supervision")]
public sealed class M0002_Supervision : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "supervision_cards",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CaseId = t.Column<Guid>(nullable: false),
                TaskId = t.Column<Guid>(nullable: true),
                WorkflowId = t.Column<string>(maxLength: 100, nullable: false),
                StepId = t.Column<string>(maxLength: 100, nullable: true),
                Department = t.Column<string>(maxLength: 100, nullable: true),
                Level = t.Column<string>(maxLength: 32, nullable: false),
                Escalation = t.Column<int>(nullable: false),
                DeadlineAt = t.Column<DateTime>(nullable: false),
                DueVersion = t.Column<int>(nullable: false),
                CardAt = t.Column<DateTime>(nullable: false),
                IssuedAt = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_supervision_cards", x => x.Id));
        migrationBuilder.CreateIndex("IX_supervision_cards_CaseId", "supervision_cards", "CaseId");
        migrationBuilder.CreateIndex("IX_supervision_cards_Department_IssuedAt", "supervision_cards", ["Department", "IssuedAt"]);
        migrationBuilder.CreateIndex("IX_supervision_cards_IssuedAt", "supervision_cards", "IssuedAt");

        migrationBuilder.CreateTable(
            name: "outbox_messages",
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                EventId = t.Column<Guid>(nullable: false),
                Channel = t.Column<string>(maxLength: 100, nullable: false),
                Kind = t.Column<string>(maxLength: 32, nullable: false),
                CaseId = t.Column<Guid>(nullable: false),
                Department = t.Column<string>(maxLength: 100, nullable: true),
                Payload = t.Column<string>(nullable: false),
                Status = t.Column<string>(maxLength: 16, nullable: false),
                CreatedAt = t.Column<DateTime>(nullable: false),
                AgeFrom = t.Column<DateTime>(nullable: false),
                Attempts = t.Column<int>(nullable: false),
                NextAttemptAt = t.Column<DateTime>(nullable: true),
                LastAttemptAt = t.Column<DateTime>(nullable: true),
                DeliveredAt = t.Column<DateTime>(nullable: true),
                DeadAt = t.Column<DateTime>(nullable: true),
                LastError = t.Column<string>(maxLength: 1000, nullable: true),
            },
            constraints: t => t.PrimaryKey("PK_outbox_messages", x => x.Id));
        migrationBuilder.CreateIndex("IX_outbox_messages_EventId", "outbox_messages", "EventId");
        migrationBuilder.CreateIndex("IX_outbox_messages_Status_NextAttemptAt", "outbox_messages", ["Status", "NextAttemptAt"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable("outbox_messages");
        migrationBuilder.DropTable("supervision_cards");
    }
}
