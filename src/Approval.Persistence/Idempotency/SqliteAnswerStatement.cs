using Approval.Persistence.Cases;
using Microsoft.Data.Sqlite;

namespace Approval.Persistence.Idempotency;

/// <summary>
/// A key's row on the SQLite writer connection (see <see cref="SqliteCommitQueue"/>): its reserving
/// INSERT, in a batch like any write, and its completion, inside the batch transaction and savepoint
/// of the case write it answers. The completion is a compare-and-swap like
/// <see cref="IdempotencyStore.CompleteAsync"/>: it matches only the reservation it was given.
/// </summary>
/// <remarks>Not thread safe: owned by the writer loop.</remarks>
internal sealed class SqliteAnswerStatement : IDisposable
{
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _reserve;

    public SqliteAnswerStatement(SqliteConnection connection)
    {
        _reserve = connection.CreateCommand();
        _reserve.CommandText =
            "INSERT INTO idempotency_keys (UserId, \"Key\", Method, Path, RequestHash, Status, CreatedAt) " +
            "VALUES ($UserId, $Key, $Method, $Path, $RequestHash, $Status, $CreatedAt) ON CONFLICT DO NOTHING";
        foreach (var name in new[] { "UserId", "Key", "Method", "Path", "RequestHash", "Status", "CreatedAt" })
        {
            _reserve.Parameters.Add(new SqliteParameter("$" + name, DBNull.Value));
        }

        _update = connection.CreateCommand();
        _update.CommandText =
            "UPDATE idempotency_keys SET Status = $Completed, ResponseStatus = $Status, ResponseContentType = $ContentType, " +
            "ResponseLocation = $Location, ResponseBody = $Body, CompletedAt = $CompletedAt " +
            "WHERE UserId = $UserId AND \"Key\" = $Key AND Status = $InFlight AND CreatedAt = $CreatedAt";
        foreach (var name in new[] { "Completed", "Status", "ContentType", "Location", "Body", "CompletedAt", "UserId", "Key", "InFlight", "CreatedAt" })
        {
            _update.Parameters.Add(new SqliteParameter("$" + name, DBNull.Value));
        }
    }

    /// <summary>True when the reservation was still this request's and now holds the answer.</summary>
    public bool Complete(CommittedAnswer answer, SqliteTransaction transaction)
    {
        _update.Transaction = transaction;
        object?[] values =
        [
            IdempotencyKeyStatus.Completed, answer.Response.Status, answer.Response.ContentType, answer.Response.Location, answer.Response.Body,
            answer.CompletedAt, answer.Request.UserId, answer.Request.Key, IdempotencyKeyStatus.InFlight, answer.ReservedAt,
        ];
        return SqliteCaseStatements.Run(_update, values) == 1;
    }

    /// <summary>The reserving INSERT (see <see cref="IdempotencyStore.ReserveAsync"/>); true when it inserted, false when the key is taken.</summary>
    public bool Reserve(IdempotencyKeyRow row, SqliteTransaction transaction)
    {
        _reserve.Transaction = transaction;
        return SqliteCaseStatements.Run(_reserve, [row.UserId, row.Key, row.Method, row.Path, row.RequestHash, row.Status, row.CreatedAt]) == 1;
    }

    public void Dispose()
    {
        _update.Dispose();
        _reserve.Dispose();
    }
}
