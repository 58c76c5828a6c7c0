using System.Globalization;
using Approval.Persistence.Rows;
using Microsoft.Data.Sqlite;

namespace Approval.Persistence.Cases;

/// <summary>
/// The case write as prepared SQLite statements on the single writer connection: cheaper than EF's
/// change tracking for the hot path, and written in the same storage format EF uses (GUIDs as upper-case
/// text, instants as <c>yyyy-MM-dd HH:mm:ss.FFFFFFF</c> UTC text), so EF reads the rows back unchanged.
/// </summary>
/// <remarks>Not thread safe: owned by the writer loop.</remarks>
internal sealed class SqliteCaseStatements : IDisposable
{
    private readonly SqliteCommand _insertEvent;
    private readonly SqliteCommand _insertCase;
    private readonly SqliteCommand _updateCase;
    private readonly SqliteCommand _insertTask;
    private readonly SqliteCommand _updateTask;

    public SqliteCaseStatements(SqliteConnection connection)
    {
        _insertEvent = Command(connection,
            "INSERT INTO case_events (CaseId, Sequence, Type, At, ActorId, ActorRoles, ActorDepartment, Payload, Hash) VALUES ($CaseId, $Sequence, $Type, $At, $ActorId, $ActorRoles, $ActorDepartment, $Payload, $Hash)",
            "CaseId", "Sequence", "Type", "At", "ActorId", "ActorRoles", "ActorDepartment", "Payload", "Hash");
        string[] caseColumns = ["Id", "WorkflowId", "WorkflowVersion", "Status", "Version", "StartedAt", "EndedAt", "DueAt", "DueProvisional", "NextAlertAt", "DueVersion", "Visits"];
        _insertCase = Insert(connection, "cases", caseColumns);
        _updateCase = Command(connection, Update("cases", caseColumns) + " AND Version = $ExpectedVersion", [.. caseColumns, "ExpectedVersion"]);
        string[] taskColumns = ["Id", "CaseId", "StepId", "Department", "Role", "Kind", "Status", "ClaimedBy", "OpenedAt", "ClosedAt", "DueAt", "DueProvisional", "NextAlertAt", "DueVersion"];
        _insertTask = Insert(connection, "tasks", taskColumns);
        _updateTask = Command(connection, Update("tasks", taskColumns), taskColumns);
    }

    /// <summary>Writes the command's rows inside the current transaction; false when the case moved on (a conflict).</summary>
    public bool Write(CaseWrite write, SqliteTransaction transaction)
    {
        foreach (var command in new[] { _insertEvent, _insertCase, _updateCase, _insertTask, _updateTask })
        {
            command.Transaction = transaction;
        }

        var c = write.Case;
        var caseCommand = write.IsNewCase ? _insertCase : _updateCase;
        Bind(caseCommand, c.Id, c.WorkflowId, c.WorkflowVersion, c.Status, c.Version, c.StartedAt, c.EndedAt, c.DueAt, c.DueProvisional, c.NextAlertAt, c.DueVersion, c.Visits);
        if (!write.IsNewCase)
        {
            caseCommand.Parameters[^1].Value = write.ExpectedVersion;
        }

        if (caseCommand.ExecuteNonQuery() != 1)
        {
            return false;
        }

        foreach (var e in write.EventRows)
        {
            Bind(_insertEvent, e.CaseId, e.Sequence, e.Type, e.At, e.ActorId, e.ActorRoles, e.ActorDepartment, e.Payload, e.Hash);
            _insertEvent.ExecuteNonQuery();
        }

        foreach (var (t, isNew) in write.Tasks)
        {
            var command = isNew ? _insertTask : _updateTask;
            Bind(command, t.Id, t.CaseId, t.StepId, t.Department, t.Role, t.Kind, t.Status, t.ClaimedBy, t.OpenedAt, t.ClosedAt, t.DueAt, t.DueProvisional, t.NextAlertAt, t.DueVersion);
            command.ExecuteNonQuery();
        }

        return true;
    }

    public void Dispose()
    {
        _insertEvent.Dispose();
        _insertCase.Dispose();
        _updateCase.Dispose();
        _insertTask.Dispose();
        _updateTask.Dispose();
    }

    /// <summary>A value in the storage format EF Core's SQLite provider uses for the same CLR type.</summary>
    internal static object Value(object? value) => value switch
    {
        null => DBNull.Value,
        Guid g => g.ToString().ToUpperInvariant(),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        _ => value,
    };

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = Value(values[i]);
        }
    }

    private static SqliteCommand Insert(SqliteConnection connection, string table, string[] columns) =>
        Command(connection, $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})", columns);

    private static string Update(string table, string[] columns) =>
        $"UPDATE {table} SET {string.Join(", ", columns.Skip(1).Select(c => $"{c} = ${c}"))} WHERE {columns[0]} = ${columns[0]}";

    private static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter("$" + name, DBNull.Value));
        }

        return command;
    }
}
