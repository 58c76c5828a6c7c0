using Approval.Persistence.Rows;
using Microsoft.Data.Sqlite;

namespace Approval.Bench.Seeding;

/// <summary>
/// Bulk-inserts cases straight into a migrated database: made by the pure engine on both cores,
/// written in large chunks — on SQLite by one connection with prepared statements, one transaction
/// a chunk (the file stays durable, WAL with the default synchronous setting); on PostgreSQL by
/// binary COPY (<see cref="PostgresRowWriter"/>). Seeding is not what is measured.
/// </summary>
internal static class HistorySeeder
{
    private const int Chunk = 20_000;

    /// <summary>What to seed: open cases (all five tasks open), finished ones, started across a spread of instants.</summary>
    public sealed record Plan(int OpenCases, int FinishedCases, DateTimeOffset From, TimeSpan Spread, int Versions = 1);

    /// <summary>Seeds the plan; returns every NextAlertAt written (tasks and cases), for choosing the sweep's clock.</summary>
    /// <param name="counters">When given, receives the supervision counters the seeded events imply (what the service's commands would have kept).</param>
    public static List<DateTime> Seed(string connectionString, Bundle bundle, Plan plan, IProgress<double>? progress, Approval.Persistence.Statistics.CounterChanges? counters = null)
    {
        using var writer = new SqliteRowWriter(connectionString);
        return Seed(writer, bundle, plan, progress, counters);
    }

    /// <summary>The bulk writer for <paramref name="database"/>: prepared inserts on SQLite, binary COPY on PostgreSQL.</summary>
    public static ISeedWriter WriterFor(Service.DatabaseTarget database) =>
        database.Provider == Approval.Persistence.DatabaseProvider.PostgreSql
            ? new PostgresRowWriter(database.ConnectionString)
            : new SqliteRowWriter(database.ConnectionString);

    /// <summary>Seeds the plan through <paramref name="writer"/>; returns every NextAlertAt written.</summary>
    /// <param name="counters">When given, receives the supervision counters the seeded events imply.</param>
    public static List<DateTime> Seed(ISeedWriter writer, Bundle bundle, Plan plan, IProgress<double>? progress, Approval.Persistence.Statistics.CounterChanges? counters = null)
    {
        var total = plan.OpenCases + plan.FinishedCases;
        var alerts = new List<DateTime>(plan.OpenCases * 6);
        var step = plan.Spread / Math.Max(1, total);
        for (var first = 0; first < total; first += Chunk)
        {
            var count = Math.Min(Chunk, total - first);
            var made = new SeededCase[count];
            Parallel.For(0, count, i =>
            {
                var n = first + i;
                // Open and finished cases interleave, so both kinds spread over the whole period.
                var finished = plan.FinishedCases > 0 && (long)n * plan.FinishedCases / total != (long)(n + 1) * plan.FinishedCases / total;
                made[i] = SeededCase.Make(bundle, plan.From + (step * n), finished, 1 + (n % plan.Versions));
            });

            writer.Write(made);

            if (counters is not null)
            {
                var changes = new Approval.Persistence.Statistics.CounterChanges[count];
                Parallel.For(0, count, i => changes[i] = Approval.Persistence.Statistics.CounterRules.For(new Approval.Engine.Cases.CaseState(), made[i].History, bundle.Definition, bundle.Calendar));
                foreach (var change in changes)
                {
                    counters.AddAll(change);
                }
            }

            foreach (var c in made)
            {
                alerts.AddRange(c.Tasks.Select(t => t.NextAlertAt).Append(c.Case.NextAlertAt).OfType<DateTime>());
            }

            progress?.Report((double)(first + count) / total);
        }

        return alerts;
    }

    /// <summary>One SQLite connection, prepared inserts, one transaction per chunk.</summary>
    private sealed class SqliteRowWriter : ISeedWriter
    {
        private readonly SqliteConnection _connection;
        private readonly RowWriter _rows;

        public SqliteRowWriter(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            _rows = new RowWriter(_connection);
        }

        public void Write(IReadOnlyList<SeededCase> cases)
        {
            using var transaction = _connection.BeginTransaction();
            _rows.Write(cases, transaction);
            transaction.Commit();
        }

        public void Dispose()
        {
            _rows.Dispose();
            _connection.Dispose();
        }
    }

    private sealed class RowWriter(SqliteConnection connection) : IDisposable
    {
        private readonly SqliteCommand _case = Insert(connection, "cases", "Id", "WorkflowId", "WorkflowVersion", "Status", "Version", "StartedAt", "EndedAt", "DueAt", "DueProvisional", "NextAlertAt", "DueVersion", "Visits");
        private readonly SqliteCommand _task = Insert(connection, "tasks", "Id", "CaseId", "StepId", "Department", "Role", "Status", "ClaimedBy", "OpenedAt", "ClosedAt", "DueAt", "DueProvisional", "NextAlertAt", "DueVersion");
        private readonly SqliteCommand _event = Insert(connection, "case_events", "CaseId", "Sequence", "Type", "At", "ActorId", "ActorRoles", "ActorDepartment", "Payload", "Hash");

        public void Write(IEnumerable<SeededCase> cases, SqliteTransaction transaction)
        {
            _case.Transaction = _task.Transaction = _event.Transaction = transaction;
            foreach (var s in cases)
            {
                var c = s.Case;
                Run(_case, c.Id, c.WorkflowId, c.WorkflowVersion, c.Status, c.Version, c.StartedAt, c.EndedAt, c.DueAt, c.DueProvisional, c.NextAlertAt, c.DueVersion, c.Visits);
                foreach (TaskRow t in s.Tasks)
                {
                    Run(_task, t.Id, t.CaseId, t.StepId, t.Department, t.Role, t.Status, t.ClaimedBy, t.OpenedAt, t.ClosedAt, t.DueAt, t.DueProvisional, t.NextAlertAt, t.DueVersion);
                }

                foreach (CaseEventRow e in s.Events)
                {
                    Run(_event, e.CaseId, e.Sequence, e.Type, e.At, e.ActorId, e.ActorRoles, e.ActorDepartment, e.Payload, e.Hash);
                }
            }
        }

        public void Dispose()
        {
            _case.Dispose();
            _task.Dispose();
            _event.Dispose();
        }

        private static void Run(SqliteCommand command, params object?[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = SqliteFormat.Value(values[i]);
            }

            command.ExecuteNonQuery();
        }

        private static SqliteCommand Insert(SqliteConnection connection, string table, params string[] columns)
        {
            var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
            foreach (var column in columns)
            {
                command.Parameters.Add(new SqliteParameter("$" + column, DBNull.Value));
            }

            command.Prepare();
            return command;
        }
    }
}
