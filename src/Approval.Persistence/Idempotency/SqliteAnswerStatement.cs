using Approval.Persistence.Cases;
using Microsoft.Data.Sqlite;

namespace Approval.Persistence.Idempotency;

/// <summary>
/// Completes a key's row on the SQLite writer connection, inside the batch transaction and savepoint
/// of the case write it answers (see <see cref="SqliteCommitQueue"/>). A compare-and-swap like
/// <see cref="IdempotencyStore.CompleteAsync"/>: it matches only the reservation it was given.
/// </summary>
/// <remarks>Not thread safe: owned by the writer loop.</remarks>
internal sealed class SqliteAnswerStatement : IDisposable
{
    private readonly SqliteCommand _update;

    public SqliteAnswerStatement(SqliteConnection connection)
    {
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
        for (var i = 0; i < values.Length; i++)
        {
            _update.Parameters[i].Value = SqliteCaseStatements.Value(values[i]);
        }

        return _update.ExecuteNonQuery() == 1;
    }

    public void Dispose() => _update.Dispose();
}
