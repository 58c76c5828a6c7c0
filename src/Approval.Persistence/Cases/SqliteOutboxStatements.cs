using Approval.Persistence.Supervision;
using Microsoft.Data.Sqlite;

namespace Approval.Persistence.Cases;

/// <summary>
/// The outbox dispatcher's claim and outcomes as prepared statements on the SQLite writer connection
/// (see <see cref="OutboxWrites"/>), in EF's storage format like <see cref="SqliteCaseStatements"/>.
/// Through EF each of these UPDATEs cost the writer a query pipeline run (parameter extraction,
/// cache lookup) that was a third of its time in a due burst, when the writer bounds the burst.
/// </summary>
/// <remarks>Not thread safe: owned by the writer loop, which enlists it in each batch's transaction.</remarks>
internal sealed class SqliteOutboxStatements : IDisposable
{
    private const string Ids = "Id IN (SELECT value FROM json_each($Ids))";

    private readonly SqliteCommand _claim;
    private readonly SqliteCommand _delivered;
    private readonly SqliteCommand _failed;

    public SqliteOutboxStatements(SqliteConnection connection)
    {
        _claim = SqliteCaseStatements.Command(connection, $"UPDATE outbox_messages SET NextAttemptAt = $Lease WHERE {Ids} AND Status = $Pending AND NextAttemptAt <= $Now", "Ids", "Pending", "Now", "Lease");
        _delivered = SqliteCaseStatements.Command(connection,
            $"UPDATE outbox_messages SET Attempts = Attempts + 1, LastAttemptAt = $At, Status = $Delivered, DeliveredAt = $At, NextAttemptAt = NULL, LastError = NULL WHERE {Ids}",
            "Ids", "Delivered", "At");
        _failed = SqliteCaseStatements.Command(connection,
            "UPDATE outbox_messages SET Attempts = $Attempts, LastAttemptAt = $LastAttemptAt, LastError = $LastError, Status = $Status, DeadAt = $DeadAt, NextAttemptAt = $NextAttemptAt WHERE Id = $Id",
            "Id", "Attempts", "LastAttemptAt", "LastError", "Status", "DeadAt", "NextAttemptAt");
    }

    /// <summary>Points the statements at the batch's transaction.</summary>
    public void Enlist(SqliteTransaction transaction)
    {
        _claim.Transaction = transaction;
        _delivered.Transaction = transaction;
        _failed.Transaction = transaction;
    }

    /// <summary>See <see cref="OutboxWrites.ClaimAsync"/>; the rows claimed.</summary>
    public int Claim(IReadOnlyCollection<Guid> ids, DateTime now, DateTime leaseUntil) =>
        SqliteCaseStatements.Run(_claim, [Json(ids), OutboxStatus.Pending, SinkRows.Utc(now), SinkRows.Utc(leaseUntil)]);

    /// <summary>See <see cref="OutboxWrites.RecordAsync"/>; the rows recorded.</summary>
    public int Record(IReadOnlyCollection<Guid> delivered, DateTime at, IReadOnlyList<OutboxFailure> failures)
    {
        var n = delivered.Count == 0 ? 0 : SqliteCaseStatements.Run(_delivered, [Json(delivered), OutboxStatus.Delivered, SinkRows.Utc(at)]);
        foreach (var f in failures)
        {
            n += SqliteCaseStatements.Run(_failed, [f.Id, f.Attempts, SinkRows.Utc(f.LastAttemptAt), f.LastError, f.Status, SinkRows.Utc(f.DeadAt), SinkRows.Utc(f.NextAttemptAt)]);
        }

        return n;
    }

    public void Dispose()
    {
        _claim.Dispose();
        _delivered.Dispose();
        _failed.Dispose();
    }

    /// <summary>The ids as a JSON array of their stored text (a GUID's text needs no escaping).</summary>
    private static string Json(IReadOnlyCollection<Guid> ids) =>
        "[" + string.Join(",", ids.Select(id => "\"" + SqliteCaseStatements.Value(id) + "\"")) + "]";
}
