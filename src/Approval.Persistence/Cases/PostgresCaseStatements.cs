using Approval.Persistence.Idempotency;
using Npgsql;

namespace Approval.Persistence.Cases;

/// <summary>
/// The case write as PostgreSQL statements appended to an <see cref="NpgsqlBatch"/>: one round trip
/// for every write of a group. The SQL texts are constant and use positional parameters, so the
/// writer connection's auto-prepare (<c>Max Auto Prepare</c>) turns each into a server-side prepared
/// statement after its first uses; values are the types EF's Npgsql provider maps the columns to.
/// </summary>
internal static class PostgresCaseStatements
{
    private static readonly string[] CaseColumns = ["Id", "WorkflowId", "WorkflowVersion", "Status", "Version", "StartedAt", "EndedAt", "DueAt", "DueProvisional", "NextAlertAt", "DueVersion", "Visits"];
    private static readonly string[] TaskColumns = ["Id", "CaseId", "StepId", "Department", "Role", "Kind", "Status", "ClaimedBy", "OpenedAt", "ClosedAt", "DueAt", "DueProvisional", "NextAlertAt", "DueVersion"];
    private static readonly string[] EventColumns = ["CaseId", "Sequence", "Type", "At", "ActorId", "ActorRoles", "ActorDepartment", "Payload", "Hash"];

    private static readonly string InsertCase = Insert("cases", CaseColumns);
    private static readonly string UpdateCase = Update("cases", CaseColumns) + $" AND \"Version\" = ${CaseColumns.Length + 1}";
    private static readonly string InsertTask = Insert("tasks", TaskColumns);
    private static readonly string UpdateTask = Update("tasks", TaskColumns);
    private static readonly string InsertEvent = Insert("case_events", EventColumns);

    private const string CompleteAnswer =
        "UPDATE idempotency_keys SET \"Status\" = $1, \"ResponseStatus\" = $2, \"ResponseContentType\" = $3, \"ResponseLocation\" = $4, " +
        "\"ResponseBody\" = $5, \"CompletedAt\" = $6 WHERE \"UserId\" = $7 AND \"Key\" = $8 AND \"Status\" = $9 AND \"CreatedAt\" = $10";

    /// <summary>
    /// Appends the write's statements. The caller checks that <see cref="Appended.Case"/> touched one
    /// row (else the case moved on: a conflict) and <see cref="Appended.Answer"/> one row (else the
    /// key's reservation was lost).
    /// </summary>
    public static Appended Append(NpgsqlBatch batch, CaseWrite write)
    {
        var c = write.Case;
        var caseCommand = Command(write.IsNewCase ? InsertCase : UpdateCase,
            c.Id, c.WorkflowId, c.WorkflowVersion, c.Status, c.Version, c.StartedAt, c.EndedAt, c.DueAt, c.DueProvisional, c.NextAlertAt, c.DueVersion, c.Visits);
        if (!write.IsNewCase)
        {
            caseCommand.Parameters.Add(new NpgsqlParameter { Value = write.ExpectedVersion });
        }

        batch.BatchCommands.Add(caseCommand);
        foreach (var e in write.EventRows)
        {
            batch.BatchCommands.Add(Command(InsertEvent, e.CaseId, e.Sequence, e.Type, e.At, e.ActorId, e.ActorRoles, e.ActorDepartment, e.Payload, e.Hash));
        }

        foreach (var (t, isNew) in write.Tasks)
        {
            batch.BatchCommands.Add(Command(isNew ? InsertTask : UpdateTask,
                t.Id, t.CaseId, t.StepId, t.Department, t.Role, t.Kind, t.Status, t.ClaimedBy, t.OpenedAt, t.ClosedAt, t.DueAt, t.DueProvisional, t.NextAlertAt, t.DueVersion));
        }

        NpgsqlBatchCommand? answerCommand = null;
        if (write.Answer is { } a)
        {
            answerCommand = Command(CompleteAnswer,
                IdempotencyKeyStatus.Completed, a.Response.Status, a.Response.ContentType, a.Response.Location, a.Response.Body,
                a.CompletedAt, a.Request.UserId, a.Request.Key, IdempotencyKeyStatus.InFlight, a.ReservedAt);
            batch.BatchCommands.Add(answerCommand);
        }

        return new Appended(caseCommand, answerCommand);
    }

    internal static NpgsqlBatchCommand Command(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }

    internal static string Insert(string table, string[] columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns.Select(Quote))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"${i + 1}"))})";

    private static string Update(string table, string[] columns) =>
        $"UPDATE {table} SET {string.Join(", ", columns.Skip(1).Select((c, i) => $"{Quote(c)} = ${i + 2}"))} WHERE {Quote(columns[0])} = $1";

    private static string Quote(string column) => $"\"{column}\"";

    /// <summary>The statements whose row counts decide the write's fate.</summary>
    internal readonly record struct Appended(NpgsqlBatchCommand Case, NpgsqlBatchCommand? Answer)
    {
        public bool CaseWritten => Case.RecordsAffected == 1;

        public bool AnswerKept => Answer is null || Answer.RecordsAffected == 1;
    }
}
