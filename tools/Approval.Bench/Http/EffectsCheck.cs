using Approval.Bench.Engine;
using Approval.Bench.Reporting;
using Approval.Persistence.Cases;
using Npgsql;

namespace Approval.Bench.Http;

/// <summary>
/// After a run on PostgreSQL, before the cluster goes: did every request have exactly its effect,
/// once? Each case the clients delivered must be Completed with exactly the events the pure engine
/// records for the bench flow (same types, numbered without gaps, delivery last); no other case may
/// exist (a duplicated intake would be one); with Idempotency-Keys, each key the clients got an
/// answer for is stored once, completed. Read with Npgsql straight from the tables, not via the API.
/// </summary>
internal static class EffectsCheck
{
    // Every case and its events, in one pass (a FULL JOIN so events of a missing case row show too).
    private const string CasesSql = """
        SELECT coalesce(c."Id", e."CaseId"), c."Status", c."Version", count(e."Id")::int,
               coalesce(max(e."Sequence") - min(e."Sequence") + 1, 0)::int,
               coalesce(string_agg(e."Type", ',' ORDER BY e."Type"), ''),
               coalesce((array_agg(e."Type" ORDER BY e."Sequence" DESC))[1], '')
        FROM cases c FULL JOIN case_events e ON e."CaseId" = c."Id"
        GROUP BY coalesce(c."Id", e."CaseId"), c."Status", c."Version"
        """;

    private const string KeysSql = """
        SELECT count(*), count(*) FILTER (WHERE "Status" <> 'Completed' OR "ResponseStatus" NOT BETWEEN 200 AND 299)
        FROM idempotency_keys
        """;

    public sealed record Outcome(IReadOnlyList<Metric> Metrics, long Failures, IReadOnlyList<string> Samples);

    private sealed record StoredCase(Guid Id, string? Status, int? Version, int Events, int Span, string Types, string Last);

    public static async Task<Outcome> RunAsync(string connectionString, Bundle bundle, HttpLoad.Result load, bool keys)
    {
        var expected = ExpectedEvents(bundle);
        var expectedTypes = string.Join(',', expected.Order(StringComparer.Ordinal));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var stored = await ReadCasesAsync(connection);

        var samples = new List<string>();
        var delivered = load.DeliveredCases.ToHashSet();
        var wrong = 0L;
        foreach (var id in delivered)
        {
            var problem = !stored.TryGetValue(id, out var c) ? "not in the database"
                : c.Status != "Completed" ? $"status {c.Status ?? "(no case row)"}"
                : c.Events != expected.Count || c.Span != c.Events || c.Version != c.Events ? $"{c.Events} events over {c.Span} sequence numbers, version {c.Version} (expected {expected.Count})"
                : c.Types != expectedTypes ? $"events {c.Types} (expected {expectedTypes})"
                : c.Last != expected[^1] ? $"last event {c.Last} (expected {expected[^1]})"
                : null;
            if (problem is not null)
            {
                wrong++;
                Sample(samples, $"case {id} was delivered to a client but is {problem}");
            }
        }

        var strangers = stored.Values.Where(c => !delivered.Contains(c.Id)).ToList();
        strangers.Take(3).ToList().ForEach(c => Sample(samples, $"case {c.Id} ({c.Status ?? "no case row"}, {c.Events} events) is in the database but no client completed it"));

        var metrics = new List<Metric>
        {
            new("cases checked", delivered.Count, "cases"),
            new("cases in the database", stored.Count, "cases"),
            new("events per case (expected)", expected.Count, "events"),
            Zero("cases with wrong events", wrong, "cases"),
            Zero("cases no client completed", strangers.Count, "cases"),
        };
        var failures = wrong + strangers.Count;
        if (keys)
        {
            var (rows, unanswered) = await ReadKeysAsync(connection);
            var mismatch = Math.Abs(rows - load.KeyedAnswers) + unanswered;
            if (mismatch > 0)
            {
                Sample(samples, $"{rows} Idempotency-Keys stored, {unanswered} of them without a 2xx answer; clients got {load.KeyedAnswers} answers");
            }

            metrics.Add(new("keys answered", load.KeyedAnswers, "keys"));
            metrics.Add(Zero("keys without one answer", mismatch, "keys"));
            failures += mismatch;
        }

        return new Outcome(metrics, failures, samples);
    }

    /// <summary>The event types the engine records for the bench's case (intake, five approvals, delivery), in order.</summary>
    internal static IReadOnlyList<string> ExpectedEvents(Bundle bundle)
    {
        var pure = new PureCase(bundle, Guid.NewGuid(), DateTimeOffset.UtcNow);
        pure.Start();
        pure.ApproveAll();
        pure.Deliver();
        return [.. pure.Events.Select(e => EventSerializer.Write(e).Type)];
    }

    private static Metric Zero(string name, long value, string unit) => new(name, value, unit, "0", value == 0);

    private static void Sample(List<string> samples, string message)
    {
        if (samples.Count < 5)
        {
            samples.Add(message);
        }
    }

    private static async Task<Dictionary<Guid, StoredCase>> ReadCasesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(CasesSql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var cases = new Dictionary<Guid, StoredCase>();
        while (await reader.ReadAsync())
        {
            var c = new StoredCase(
                reader.GetGuid(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.GetInt32(3),
                reader.GetInt32(4),
                reader.GetString(5),
                reader.GetString(6));
            cases[c.Id] = c;
        }

        return cases;
    }

    private static async Task<(long Rows, long Unanswered)> ReadKeysAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(KeysSql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
