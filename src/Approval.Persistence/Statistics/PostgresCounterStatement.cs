using Npgsql;
using NpgsqlTypes;

namespace Approval.Persistence.Statistics;

/// <summary>
/// Counter deltas as one statement of a PostgreSQL group's <see cref="NpgsqlBatch"/> (see
/// <see cref="Cases.PostgresCommitQueue"/>): every row of the group in one <c>INSERT … SELECT unnest</c>
/// whose text is constant, so it auto-prepares like the case statements; no extra round trip.
/// </summary>
internal static class PostgresCounterStatement
{
    private const string InsertAll =
        "INSERT INTO supervision_deltas (\"Day\", \"Department\", \"Counter\", \"Amount\") " +
        "SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::bigint[])";

    /// <summary>Appends the insert of every non-zero counter of <paramref name="changes"/>; nothing when there is none.</summary>
    public static void Append(NpgsqlBatch batch, CounterChanges changes)
    {
        var rows = changes.NonZero.ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var command = new NpgsqlBatchCommand(InsertAll);
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date, Value = rows.Select(r => r.Key.Day).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rows.Select(r => r.Key.Department).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = rows.Select(r => r.Key.Counter).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = rows.Select(r => r.Value).ToArray() });
        batch.BatchCommands.Add(command);
    }
}
