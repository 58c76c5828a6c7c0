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

    /// <summary>
    /// The write's parameter values in the storage format, worked out on the caller's thread: the
    /// writer, whose time bounds throughput, then only binds and steps. Thread safe.
    /// </summary>
    public static Values ValuesOf(CaseWrite write)
    {
        var c = write.Case;
        object?[] caseValues = write.IsNewCase
            ? [c.Id, c.WorkflowId, c.WorkflowVersion, c.Status, c.Version, c.StartedAt, c.EndedAt, c.DueAt, c.DueProvisional, c.NextAlertAt, c.DueVersion, c.Visits]
            : [c.Id, c.WorkflowId, c.WorkflowVersion, c.Status, c.Version, c.StartedAt, c.EndedAt, c.DueAt, c.DueProvisional, c.NextAlertAt, c.DueVersion, c.Visits, write.ExpectedVersion];
        var events = write.EventRows.ConvertAll(e => Stored([e.CaseId, e.Sequence, e.Type, e.At, e.ActorId, e.ActorRoles, e.ActorDepartment, e.Payload, e.Hash]));
        var tasks = write.Tasks.ConvertAll(x => (Stored([x.Row.Id, x.Row.CaseId, x.Row.StepId, x.Row.Department, x.Row.Role, x.Row.Kind, x.Row.Status, x.Row.ClaimedBy, x.Row.OpenedAt, x.Row.ClosedAt, x.Row.DueAt, x.Row.DueProvisional, x.Row.NextAlertAt, x.Row.DueVersion]), x.IsNew));
        return new Values(write.IsNewCase, Stored(caseValues), events, tasks);
    }

    /// <summary>Points the statements at the batch's transaction; once per batch.</summary>
    public void Enlist(SqliteTransaction transaction)
    {
        foreach (var command in new[] { _insertEvent, _insertCase, _updateCase, _insertTask, _updateTask })
        {
            command.Transaction = transaction;
        }
    }

    /// <summary>Writes the command's rows inside the enlisted transaction; false when the case moved on (a conflict).</summary>
    public bool Write(Values values)
    {
        var caseCommand = values.IsNewCase ? _insertCase : _updateCase;
        Bind(caseCommand, values.Case);
        if (caseCommand.ExecuteNonQuery() != 1)
        {
            return false;
        }

        foreach (var e in values.Events)
        {
            Bind(_insertEvent, e);
            _insertEvent.ExecuteNonQuery();
        }

        foreach (var (t, isNew) in values.Tasks)
        {
            var command = isNew ? _insertTask : _updateTask;
            Bind(command, t);
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

    private static object[] Stored(object?[] values) => Array.ConvertAll(values, Value);

    /// <summary>Binds <paramref name="values"/> in the storage format and runs the command; the rows it touched.</summary>
    internal static int Run(SqliteCommand command, object?[] values)
    {
        Bind(command, Stored(values));
        return command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }
    }

    /// <summary>A case write's parameter values, in statement column order (an update's last is the expected version).</summary>
    public sealed record Values(bool IsNewCase, object[] Case, List<object[]> Events, List<(object[] Values, bool IsNew)> Tasks);

    internal static SqliteCommand Insert(SqliteConnection connection, string table, string[] columns) =>
        Command(connection, $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})", columns);

    private static string Update(string table, string[] columns) =>
        $"UPDATE {table} SET {string.Join(", ", columns.Skip(1).Select(c => $"{c} = ${c}"))} WHERE {columns[0]} = ${columns[0]}";

    internal static SqliteCommand Command(SqliteConnection connection, string sql, params string[] parameters)
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
