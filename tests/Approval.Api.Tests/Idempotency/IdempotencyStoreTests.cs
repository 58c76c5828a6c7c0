using Approval.Testing;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Idempotency;
using Approval.Persistence.Workflows;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests.Idempotency;

/// <summary>
/// The key table on its own, on a clock the test moves: expiry, purge, takeover and the
/// compare-and-swap; each test twice, the reservation inserted on a connection of its own and by the
/// SQLite case writer (<see cref="CaseStore.TryReserveOnWriter"/>), as the service does.
/// </summary>
[TestFixture(false)]
[TestFixture(true)]
public class IdempotencyStoreTests(bool onCaseWriter)
{
    private string _folder = null!;
    private CaseStore? _writer;
    private FakeTimeProvider _clock = null!;
    private IdempotencyStore _store = null!;
    private IDbContextFactory<ApprovalDbContext> _factory = null!;

    private static readonly IdempotentRequest Call = new("zhao@window", "k-1", "POST", "/api/cases", "aa");
    private static readonly StoredResponse Created = new(201, "application/json; charset=utf-8", "/api/cases/1", "{\"id\":1}"u8.ToArray());

    [SetUp]
    public async Task Open()
    {
        _folder = Directory.CreateTempSubdirectory("approval-idem").FullName;
        var options = new DbContextOptionsBuilder<ApprovalDbContext>();
        var database = new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "a.db")}" };
        DatabaseSetup.Configure(options, database);
        _factory = new PooledDbContextFactory<ApprovalDbContext>(options.Options);
        await using (var db = await _factory.CreateDbContextAsync())
        {
            await DatabaseSetup.MigrateAsync(db);
        }

        _clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 2, 0, 0, TimeSpan.Zero));
        _writer = onCaseWriter
            ? new CaseStore(_factory, new WorkflowCatalog(), ShippedCalendar.Default, _clock, Options.Create(database), [], [], NullLogger<CaseStore>.Instance)
            : null;
        _store = new IdempotencyStore(_factory, _clock, new IdempotencyOptions { Retention = TimeSpan.FromHours(24), InFlightTimeout = TimeSpan.FromMinutes(5) }, NullLogger<IdempotencyStore>.Instance, _writer);
    }

    [TearDown]
    public async Task Close()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<int> Rows()
    {
        await using var db = await _factory.CreateDbContextAsync();
        return await db.Set<IdempotencyKeyRow>().CountAsync();
    }

    [Test]
    public async Task Reserve_complete_replay_and_mismatch()
    {
        var first = await _store.ReserveAsync(Call);
        Assert.That(first.Outcome, Is.EqualTo(ReservationOutcome.Reserved));
        Assert.That((await _store.ReserveAsync(Call)).Outcome, Is.EqualTo(ReservationOutcome.InFlight));
        Assert.That(await _store.CompleteAsync(Call, first.ReservedAt, Created), Is.True);

        var replay = await _store.ReserveAsync(Call);
        Assert.Multiple(() =>
        {
            Assert.That(replay.Outcome, Is.EqualTo(ReservationOutcome.Replay));
            Assert.That(replay.Response!.Status, Is.EqualTo(201));
            Assert.That(replay.Response.Location, Is.EqualTo("/api/cases/1"));
            Assert.That(replay.Response.ContentType, Is.EqualTo(Created.ContentType));
            Assert.That(replay.Response.Body, Is.EqualTo(Created.Body));
        });
        Assert.That((await _store.ReserveAsync(Call with { RequestHash = "bb" })).Outcome, Is.EqualTo(ReservationOutcome.Mismatch));
        Assert.That((await _store.ReserveAsync(Call with { Path = "/api/cases/x" })).Outcome, Is.EqualTo(ReservationOutcome.Mismatch));
        Assert.That((await _store.ReserveAsync(Call with { UserId = "qian@window" })).Outcome, Is.EqualTo(ReservationOutcome.Reserved), "another user's key");
    }

    [Test]
    public async Task Of_many_concurrent_reservations_of_one_key_exactly_one_wins()
    {
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _store.ReserveAsync(Call))));
        Assert.Multiple(async () =>
        {
            Assert.That(outcomes.Count(o => o.Outcome == ReservationOutcome.Reserved), Is.EqualTo(1));
            Assert.That(outcomes.Where(o => o.Outcome != ReservationOutcome.Reserved).Select(o => o.Outcome), Is.All.EqualTo(ReservationOutcome.InFlight));
            Assert.That(await Rows(), Is.EqualTo(1));
        });
    }

    [Test]
    public async Task A_released_key_can_be_reserved_again()
    {
        var first = await _store.ReserveAsync(Call);
        Assert.That(await _store.ReleaseAsync(Call, first.ReservedAt), Is.True);
        Assert.That((await _store.ReserveAsync(Call)).Outcome, Is.EqualTo(ReservationOutcome.Reserved));
    }

    [Test]
    public async Task After_the_retention_a_key_is_new_again_and_purged()
    {
        var first = await _store.ReserveAsync(Call);
        await _store.CompleteAsync(Call, first.ReservedAt, Created);
        _clock.Advance(TimeSpan.FromHours(23));
        Assert.That((await _store.ReserveAsync(Call)).Outcome, Is.EqualTo(ReservationOutcome.Replay), "still kept after 23 h");

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.That((await _store.ReserveAsync(Call with { RequestHash = "other" })).Outcome, Is.EqualTo(ReservationOutcome.Reserved), "expired: a new call");

        await _store.ReserveAsync(Call with { Key = "k-2" });
        _clock.Advance(TimeSpan.FromHours(25));
        Assert.That(await _store.PurgeExpiredAsync(), Is.EqualTo(2));
        Assert.That(await Rows(), Is.Zero);
    }

    [Test]
    public async Task An_abandoned_reservation_is_taken_over_and_its_first_owner_cannot_complete_it()
    {
        var first = await _store.ReserveAsync(Call);
        _clock.Advance(TimeSpan.FromMinutes(4));
        Assert.That((await _store.ReserveAsync(Call)).Outcome, Is.EqualTo(ReservationOutcome.InFlight));

        _clock.Advance(TimeSpan.FromMinutes(2));
        var second = await _store.ReserveAsync(Call);
        Assert.That(second.Outcome, Is.EqualTo(ReservationOutcome.Reserved));
        Assert.Multiple(async () =>
        {
            Assert.That(await _store.CompleteAsync(Call, first.ReservedAt, Created), Is.False, "the first owner lost it");
            Assert.That(await _store.ReleaseAsync(Call, first.ReservedAt), Is.False);
            Assert.That(await _store.CompleteAsync(Call, second.ReservedAt, Created), Is.True);
        });
    }
}
