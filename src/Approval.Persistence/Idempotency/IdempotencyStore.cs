using Approval.Persistence.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Approval.Persistence.Idempotency;

/// <summary>
/// The <c>idempotency_keys</c> table: reserves a key by INSERT before a call runs, stores the
/// call's response, and answers retries from it.
/// </summary>
/// <remarks>
/// <para>
/// The reserving INSERT is the lock: the primary key (UserId, Key) lets exactly one of any number
/// of concurrent requests — on any node sharing the database — own a key. Every later state change
/// is a compare-and-swap on (UserId, Key, Status, CreatedAt), so a request that lost its reservation
/// (expired, or taken over after <see cref="IdempotencyOptions.InFlightTimeout"/>) can never
/// overwrite the new owner's row.
/// </para>
/// <para>
/// Expired keys are treated as absent wherever they are met, and purged opportunistically by
/// <see cref="ReserveAsync"/> at most every ten minutes; nothing needs to run on a schedule.
/// </para>
/// <para>
/// Given the service's <see cref="CaseStore"/>, a reservation on SQLite is inserted by the case
/// writer (<see cref="CaseStore.TryReserveOnWriter"/>) instead of on a connection of its own: SQLite
/// has one write lock, and a second writer waiting for it made a keyed request four times slower.
/// </para>
/// <para>Thread safe: every call uses its own <see cref="ApprovalDbContext"/>.</para>
/// </remarks>
public sealed class IdempotencyStore(
    IDbContextFactory<ApprovalDbContext> dbFactory,
    TimeProvider time,
    IdempotencyOptions options,
    ILogger<IdempotencyStore> logger,
    CaseStore? writer = null)
{
    private static readonly TimeSpan MaxPurgeInterval = TimeSpan.FromMinutes(10);
    private const int MaxAttempts = 5;
    private long _nextPurgeTicks;

    public IdempotencyOptions Options => options;

    /// <summary>
    /// Reserves <paramref name="request"/>'s key, or says why not: a finished identical call
    /// (replay), a different call under the key (mismatch), or an identical call still running.
    /// </summary>
    public async Task<Reservation> ReserveAsync(IdempotentRequest request, CancellationToken cancellationToken = default)
    {
        await PurgeIfDueAsync(cancellationToken);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var now = Now();
            if (await TryInsertAsync(request, now, cancellationToken))
            {
                return new Reservation(ReservationOutcome.Reserved, now);
            }

            var existing = await FindAsync(request.UserId, request.Key, cancellationToken);
            if (existing is null)
            {
                continue; // released or purged between our INSERT and this read: try again.
            }

            if (existing.CreatedAt <= now - options.Retention)
            {
                await DeleteIfUnchangedAsync(existing, cancellationToken);
                continue;
            }

            if (!request.IsSameCallAs(existing))
            {
                return new Reservation(ReservationOutcome.Mismatch, existing.CreatedAt);
            }

            if (existing.Status == IdempotencyKeyStatus.Completed)
            {
                var response = new StoredResponse(existing.ResponseStatus ?? 200, existing.ResponseContentType, existing.ResponseLocation, existing.ResponseBody ?? []);
                return new Reservation(ReservationOutcome.Replay, existing.CreatedAt, response);
            }

            if (existing.CreatedAt > now - options.InFlightTimeout)
            {
                return new Reservation(ReservationOutcome.InFlight, existing.CreatedAt);
            }

            if (await TryTakeOverAsync(existing, now, cancellationToken))
            {
                logger.LogWarning("Idempotency-Key {Key} of {UserId} was in flight since {Since:o}; taken as abandoned and run again.", request.Key, request.UserId, existing.CreatedAt);
                return new Reservation(ReservationOutcome.Reserved, now);
            }
        }

        // Only under a storm of releases and re-reservations of one key; the client's retry settles it.
        return new Reservation(ReservationOutcome.InFlight, Now());
    }

    /// <summary>Stores the response of a reserved call. False when the reservation was lost meanwhile (nothing is written then).</summary>
    /// <remarks>For answers that have no case write to ride (refusals, routes outside the case store); accepted commands complete their key in their own transaction (<see cref="IdempotentCall"/>).</remarks>
    public async Task<bool> CompleteAsync(IdempotentRequest request, DateTime reservedAt, StoredResponse response, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await CompleteInAsync(db, new CommittedAnswer(request, reservedAt, response, Now()), cancellationToken);
    }

    /// <summary>
    /// Completes the reservation through <paramref name="db"/>, so inside whatever transaction it has
    /// open (the case write's, on the EF path). False when the reservation is no longer this request's.
    /// </summary>
    internal static async Task<bool> CompleteInAsync(ApprovalDbContext db, CommittedAnswer answer, CancellationToken cancellationToken)
    {
        var response = answer.Response;
        var updated = await Owned(db, answer.Request, answer.ReservedAt).ExecuteUpdateAsync(
            s => s.SetProperty(k => k.Status, IdempotencyKeyStatus.Completed)
                .SetProperty(k => k.ResponseStatus, response.Status)
                .SetProperty(k => k.ResponseContentType, response.ContentType)
                .SetProperty(k => k.ResponseLocation, response.Location)
                .SetProperty(k => k.ResponseBody, response.Body)
                .SetProperty(k => k.CompletedAt, answer.CompletedAt),
            cancellationToken);
        return updated == 1;
    }

    /// <summary>Gives up a reservation (the call failed) so the client can retry with the same key.</summary>
    public async Task<bool> ReleaseAsync(IdempotentRequest request, DateTime reservedAt, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Owned(db, request, reservedAt).ExecuteDeleteAsync(cancellationToken) == 1;
    }

    /// <summary>Deletes every key older than <see cref="IdempotencyOptions.Retention"/>; returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = Now() - options.Retention;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<IdempotencyKeyRow>().Where(k => k.CreatedAt <= cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task PurgeIfDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcTicks;
        var due = Interlocked.Read(ref _nextPurgeTicks);
        var interval = Math.Min(options.Retention.Ticks, MaxPurgeInterval.Ticks);
        if (now < due || Interlocked.CompareExchange(ref _nextPurgeTicks, now + interval, due) != due)
        {
            return; // not due, or another request is purging.
        }

        try
        {
            var purged = await PurgeExpiredAsync(cancellationToken);
            logger.LogDebug("Purged {Count} expired idempotency keys.", purged);
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            // Best effort: expired keys are ignored on lookup anyway, so a failed purge costs only space.
            logger.LogWarning(ex, "Purging expired idempotency keys failed; will try again later.");
        }
    }

    /// <summary>
    /// The reserving INSERT, as one statement that does nothing when the key is taken. A plain EF
    /// insert would fail on the primary key instead, and EF logs every failed save at Error with a
    /// stack trace — one per replay, which is normal work (issue 12, finding 5). Race free: the
    /// primary key still decides between concurrent inserts, the loser just inserts 0 rows.
    /// </summary>
    private async Task<bool> TryInsertAsync(IdempotentRequest request, DateTime now, CancellationToken cancellationToken)
    {
        var row = new IdempotencyKeyRow
        {
            UserId = request.UserId, Key = request.Key, Method = request.Method, Path = request.Path,
            RequestHash = request.RequestHash, Status = IdempotencyKeyStatus.InFlight, CreatedAt = now,
        };
        if (writer?.TryReserveOnWriter(row) is { } onWriter)
        {
            return await onWriter; // not cancellable once queued, like a case write
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var inserted = IsSqlServer(db)
            ? await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO idempotency_keys ("UserId", "Key", "Method", "Path", "RequestHash", "Status", "CreatedAt")
                SELECT {row.UserId}, {row.Key}, {row.Method}, {row.Path}, {row.RequestHash}, {row.Status}, {now}
                WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys WITH (UPDLOCK, HOLDLOCK) WHERE "UserId" = {row.UserId} AND "Key" = {row.Key})
                """, cancellationToken)
            : await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO idempotency_keys ("UserId", "Key", "Method", "Path", "RequestHash", "Status", "CreatedAt")
                VALUES ({row.UserId}, {row.Key}, {row.Method}, {row.Path}, {row.RequestHash}, {row.Status}, {now})
                ON CONFLICT DO NOTHING
                """, cancellationToken);
        return inserted == 1;
    }

    // By name, so this file needs no reference to the SQL Server provider (DatabaseSetup owns those).
    private static bool IsSqlServer(ApprovalDbContext db) =>
        db.Database.ProviderName?.EndsWith(".SqlServer", StringComparison.Ordinal) == true;

    private async Task<IdempotencyKeyRow?> FindAsync(string userId, string key, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Set<IdempotencyKeyRow>().AsNoTracking().FirstOrDefaultAsync(k => k.UserId == userId && k.Key == key, cancellationToken);
    }

    private async Task DeleteIfUnchangedAsync(IdempotencyKeyRow row, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Set<IdempotencyKeyRow>()
            .Where(k => k.UserId == row.UserId && k.Key == row.Key && k.CreatedAt == row.CreatedAt)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<bool> TryTakeOverAsync(IdempotencyKeyRow row, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var updated = await db.Set<IdempotencyKeyRow>()
            .Where(k => k.UserId == row.UserId && k.Key == row.Key && k.Status == IdempotencyKeyStatus.InFlight && k.CreatedAt == row.CreatedAt)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.CreatedAt, now), cancellationToken);
        return updated == 1;
    }

    private static IQueryable<IdempotencyKeyRow> Owned(ApprovalDbContext db, IdempotentRequest request, DateTime reservedAt) =>
        db.Set<IdempotencyKeyRow>().Where(k =>
            k.UserId == request.UserId && k.Key == request.Key && k.Status == IdempotencyKeyStatus.InFlight && k.CreatedAt == reservedAt);

    /// <summary>
    /// Now, cut to whole milliseconds: the reservation instant is compared for equality later, and
    /// PostgreSQL keeps only microseconds of the 100 ns ticks .NET has.
    /// </summary>
    private DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }
}
