using System.Globalization;
using Approval.Calendar;
using Approval.Definitions.Model;
using Microsoft.Data.Sqlite;

namespace Approval.Bench.Screen;

/// <summary>
/// SYNTHETIC data for the screen's read-path measurement, written by set-based SQL (one recursive
/// CTE per table) in minutes rather than hours: the rows the statistics endpoints read — case and
/// task index rows, red cards on the overdue open tasks, and the supervision counters (daily,
/// all-time totals, standing) computed by GROUP BY from those rows. No events are written, so
/// these cases have no audit trail: <c>approval supervision rebuild --check</c> disagrees on such a
/// database, and no command may be sent to them. Their shape follows 开餐馆: five tasks per case in
/// its four departments, due by its working-day limits (counted as calendar days × 7/5), finished
/// cases delivered four days after intake, every seventh with a second visit.
/// </summary>
internal static class SyntheticHistory
{
    /// <summary>What to write: cases interleaved finished / open, started evenly from <paramref name="From"/> over <paramref name="Spread"/>.</summary>
    public sealed record Plan(int OpenCases, int FinishedCases, DateTimeOffset From, TimeSpan Spread, DateTimeOffset Now);

    /// <summary>The task steps of <paramref name="definition"/>: id, department, working days.</summary>
    public static List<(string Step, string Department, int WorkingDays)> TaskSteps(WorkflowDefinition definition)
    {
        var steps = new List<(string, string, int)>();
        void Walk(IEnumerable<StepDefinition> items)
        {
            foreach (var step in items)
            {
                if (step is TaskStepDefinition task)
                {
                    steps.Add((task.Id, task.Department, task.TimeLimit.IsWorkingDays ? task.TimeLimit.Amount : 1));
                }

                Walk(step.Children);
            }
        }

        Walk(definition.Steps);
        return steps;
    }

    /// <summary>Writes the plan into a migrated SQLite file, one transaction; returns the seconds each phase took.</summary>
    public static IReadOnlyDictionary<string, double> SeedSqlite(string connectionString, WorkflowDefinition definition, string workflowId, WorkingCalendar calendar, Plan plan)
    {
        var steps = TaskSteps(definition);
        var caseLimit = definition.TimeLimit is { IsWorkingDays: true, Amount: var a } ? a : 5;
        var total = plan.OpenCases + plan.FinishedCases;
        // China keeps one offset all year; the calendar's offset now places every synthetic instant on its local day.
        var offsetMinutes = (int)calendar.ToLocal(plan.Now).Offset.TotalMinutes;
        var p = new Dictionary<string, object>
        {
            ["$total"] = (long)total,
            ["$finished"] = (long)plan.FinishedCases,
            ["$from"] = plan.From.ToUnixTimeSeconds(),
            ["$step"] = total == 0 ? 0.0 : plan.Spread.TotalSeconds / total,
            ["$now"] = Format(plan.Now),
            ["$workflow"] = workflowId,
            ["$caseDays"] = caseLimit * 7.0 / 5,
            ["$caseLimit"] = (long)caseLimit,
            ["$local"] = $"{offsetMinutes:+0;-0} minutes",
        };
        var values = string.Join(", ", steps.Select((s, k) => string.Create(CultureInfo.InvariantCulture,
            $"({k}, '{s.Step}', '{s.Department}', {s.WorkingDays * 7.0 / 5})")));
        var stepsCte = $"steps(k, step, department, days) AS (VALUES {values})";
        const string Numbers = "n(i) AS (SELECT 0 WHERE $total > 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $total)";
        const string Finished = "((i + 1) * $finished / $total) <> (i * $finished / $total)";
        const string Start = "($from + i * $step)";
        const string CaseId = "printf('00000000-0000-4000-8000-%012X', i)";

        var phases = new Dictionary<string, double>();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Run(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;", p);
        using var transaction = connection.BeginTransaction();
        void Phase(string name, string sql)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            Run(connection, sql, p, transaction);
            phases[name] = clock.Elapsed.TotalSeconds;
        }

        Phase("cases", $"""
            WITH RECURSIVE {Numbers}
            INSERT INTO cases (Id, WorkflowId, WorkflowVersion, Status, Version, StartedAt, EndedAt, DueAt, DueProvisional, NextAlertAt, DueVersion, Visits)
            SELECT {CaseId}, $workflow, 1,
                   CASE WHEN {Finished} THEN 'Completed' ELSE 'Running' END,
                   CASE WHEN {Finished} THEN 14 ELSE 7 END,
                   datetime({Start}, 'unixepoch'),
                   CASE WHEN {Finished} THEN datetime({Start} + 4 * 86400, 'unixepoch') END,
                   datetime({Start} + $caseDays * 86400, 'unixepoch'),
                   0, NULL, 1,
                   CASE WHEN i % 7 = 0 THEN 2 ELSE 1 END
            FROM n
            """);
        Phase("tasks", $"""
            WITH RECURSIVE {Numbers}, {stepsCte}
            INSERT INTO tasks (Id, CaseId, StepId, Department, Role, Status, ClaimedBy, OpenedAt, ClosedAt, DueAt, DueProvisional, NextAlertAt, DueVersion)
            SELECT printf('00000001-%04X-4000-8000-%012X', k, i), {CaseId}, step, department, NULL,
                   CASE WHEN {Finished} THEN 'Approved' ELSE 'Open' END, NULL,
                   datetime({Start}, 'unixepoch'),
                   CASE WHEN {Finished} THEN datetime({Start} + (k + 1) * 14400, 'unixepoch') END,
                   datetime({Start} + days * 86400, 'unixepoch'),
                   0, NULL, 1
            FROM n CROSS JOIN steps
            """);
        Phase("cards", $"""
            INSERT INTO supervision_cards (Id, CaseId, TaskId, WorkflowId, StepId, Department, Level, Escalation, DeadlineAt, DueVersion, CardAt, IssuedAt)
            SELECT '00000002' || substr(Id, 9), CaseId, Id, $workflow, StepId, Department, 'red', 0, DueAt, 1, DueAt, DueAt
            FROM tasks WHERE Status = 'Open' AND DueAt < $now AND Id LIKE '00000001-%'
            """);
        Phase("daily counters", $"""
            INSERT INTO supervision_daily (Day, Department, Counter, Value)
            SELECT day, department, counter, SUM(value) FROM (
                SELECT date(StartedAt, $local) AS day, '' AS department, 'intake' AS counter, 1 AS value FROM cases WHERE Id LIKE '00000000-%'
                UNION ALL SELECT date(EndedAt, $local), '', 'completed', 1 FROM cases WHERE Status = 'Completed' AND Id LIKE '00000000-%'
                UNION ALL SELECT date(EndedAt, $local), '', 'completed.on-time', EndedAt <= DueAt FROM cases WHERE Status = 'Completed' AND Id LIKE '00000000-%'
                UNION ALL SELECT date(EndedAt, $local), '', 'completed.one-visit', Visits <= 1 FROM cases WHERE Status = 'Completed' AND Id LIKE '00000000-%'
                UNION ALL SELECT date(EndedAt, $local), '', 'completed.visits', Visits FROM cases WHERE Status = 'Completed' AND Id LIKE '00000000-%'
                UNION ALL SELECT date(EndedAt, $local), '', 'completed.limited', 1 FROM cases WHERE Status = 'Completed' AND Id LIKE '00000000-%'
                UNION ALL SELECT date(EndedAt, $local), '', 'completed.limit-days', $caseLimit FROM cases WHERE Status = 'Completed' AND Id LIKE '00000000-%'
                UNION ALL SELECT date(EndedAt, $local), '', 'completed.used-days', 1 + CAST((julianday(EndedAt) - julianday(StartedAt)) * 5 / 7 AS INTEGER) FROM cases WHERE Status = 'Completed' AND Id LIKE '00000000-%'
                UNION ALL SELECT date(OpenedAt, $local), Department, 'tasks.opened', 1 FROM tasks WHERE Id LIKE '00000001-%'
                UNION ALL SELECT date(ClosedAt, $local), Department, 'tasks.finished', 1 FROM tasks WHERE ClosedAt IS NOT NULL AND Id LIKE '00000001-%'
                UNION ALL SELECT date(ClosedAt, $local), Department, 'tasks.on-time', ClosedAt <= DueAt FROM tasks WHERE ClosedAt IS NOT NULL AND Id LIKE '00000001-%'
                UNION ALL SELECT date(IssuedAt, $local), Department, 'cards.red', 1 FROM supervision_cards WHERE Id LIKE '00000002-%'
            ) GROUP BY day, department, counter HAVING SUM(value) <> 0
            """);
        Phase("totals", """
            INSERT INTO supervision_totals (Department, Counter, Value)
            SELECT Department, Counter, SUM(Value) FROM supervision_daily GROUP BY Department, Counter
            """);
        Phase("standing counters", """
            INSERT INTO supervision_standing (Department, Counter, Value)
            SELECT department, counter, SUM(value) FROM (
                SELECT '' AS department, 'status.' || CASE Status WHEN 'Completed' THEN 'completed' ELSE 'running' END AS counter, 1 AS value FROM cases WHERE Id LIKE '00000000-%'
                UNION ALL SELECT '', 'cases.running', 1 FROM cases WHERE Status = 'Running' AND Id LIKE '00000000-%'
                UNION ALL SELECT Department, CASE WHEN DueAt < $now THEN 'open.red' ELSE 'open.green' END, 1 FROM tasks WHERE Status = 'Open' AND Id LIKE '00000001-%'
                UNION ALL SELECT Department, 'cases.running', COUNT(DISTINCT CaseId) FROM tasks WHERE Status = 'Open' AND Id LIKE '00000001-%' GROUP BY Department
            ) GROUP BY department, counter HAVING SUM(value) <> 0
            """);
        var commit = System.Diagnostics.Stopwatch.StartNew();
        transaction.Commit();
        phases["commit"] = commit.Elapsed.TotalSeconds;
        // No ANALYZE: the service never runs one, so the planner sees what it would see in production.
        Run(connection, "PRAGMA synchronous = NORMAL;", p);
        return phases;
    }

    /// <summary>An instant in the storage format of EF Core's SQLite provider (whole seconds, as the synthetic rows are).</summary>
    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static void Run(SqliteConnection connection, string sql, Dictionary<string, object> parameters, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 0;
        foreach (var (name, value) in parameters)
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, value);
            }
        }

        command.ExecuteNonQuery();
    }
}
