using System.Net;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Approval.Persistence.Idempotency;
using Approval.Security;
using Approval.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests.Idempotency;

/// <summary>
/// Issue 12, finding 3: a crash between a command's commit and the storing of its answer made the
/// retry run the command again. The answer now commits with the effect, so the crash instant does
/// not exist: these tests "crash" right after the commit (nothing runs after the case store returns)
/// and show the retry replays, even past the in-flight timeout, on SQLite's writer and on EF (PostgreSQL).
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("PostgreSql")]
public class AnswerWithEffectTests(string provider)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly FakeTimeProvider _clock = new(Start);
    private ApprovalApp? _app;

    [OneTimeSetUp]
    public void StartApp()
    {
        if (provider == "Sqlite")
        {
            _app = new ApprovalApp(time: _clock);
            return;
        }

        if (PostgresServer.CreateDatabase() is { } connectionString)
        {
            _app = new ApprovalApp(new() { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = connectionString }, _clock);
        }
    }

    [OneTimeTearDown]
    public void Stop() => _app?.Dispose();

    private ApprovalApp App => _app ?? throw new IgnoreException($"Skipped: needs a PostgreSQL server. {PostgresServer.Unavailable}");

    private IdempotencyStore Keys() =>
        new(App.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>(), _clock, new IdempotencyOptions(), NullLogger<IdempotencyStore>.Instance);

    private static readonly Approval.Engine.Cases.Actor Window = new("window@window", "window", [ClerkRoles.WindowClerk], "window");

    private async Task<Guid> NewCaseAsync()
    {
        var started = await App.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        return Guid.Parse((string)started["id"]!);
    }

    [Test]
    public async Task A_retry_after_a_crash_right_after_the_commit_replays_the_answer_and_runs_nothing()
    {
        var caseId = await NewCaseAsync();
        var keys = Keys();
        var request = new IdempotentRequest(Window.UserId, Retry.NewKey(), "POST", $"/api/cases/{caseId}/withdraw", "hash");
        var reservation = await keys.ReserveAsync(request);
        Assert.That(reservation.Outcome, Is.EqualTo(ReservationOutcome.Reserved));
        var answer = new StoredResponse(200, "application/json", null, "{\"withdrawn\":true}"u8.ToArray());
        var call = new IdempotentCall(request, reservation.ReservedAt, _ => ValueTask.FromResult<StoredResponse?>(answer));

        var store = App.Services.GetRequiredService<CaseStore>();
        CommandOutcome outcome;
        using (IdempotentCall.Begin(call))
        {
            outcome = await store.ExecuteAsync(caseId, new WithdrawCase("applicant asked"), Window);
        }

        // The process dies here: the middleware never gets to store anything. Long after, the retry comes.
        Assert.That(outcome.IsAccepted, Is.True);
        var events = (await store.LoadAsync(caseId))!.Rows.Count;
        _clock.Advance(new IdempotencyOptions().InFlightTimeout + TimeSpan.FromMinutes(1));
        var retry = await keys.ReserveAsync(request);

        Assert.Multiple(async () =>
        {
            Assert.That(retry.Outcome, Is.EqualTo(ReservationOutcome.Replay), "the key was completed by the command's own commit");
            Assert.That(retry.Response!.Body, Is.EqualTo(answer.Body));
            Assert.That(call.CommittedAnswer, Is.EqualTo(answer));
            Assert.That((await store.LoadAsync(caseId))!.Rows, Has.Count.EqualTo(events), "nothing ran again");
        });
    }

    [Test]
    public async Task A_refused_command_commits_no_answer_so_the_answer_is_stored_after_the_call()
    {
        var caseId = await NewCaseAsync();
        var keys = Keys();
        var request = new IdempotentRequest(Window.UserId, Retry.NewKey(), "POST", $"/api/cases/{caseId}/rating", "hash");
        var reservation = await keys.ReserveAsync(request);
        var call = new IdempotentCall(request, reservation.ReservedAt, _ => ValueTask.FromResult<StoredResponse?>(new StoredResponse(200, null, null, [])));

        CommandOutcome outcome;
        using (IdempotentCall.Begin(call))
        {
            outcome = await App.Services.GetRequiredService<CaseStore>().ExecuteAsync(caseId, new RateService(5, null), Window);
        }

        Assert.Multiple(async () =>
        {
            Assert.That(outcome.IsAccepted, Is.False, "a case not yet delivered cannot be rated");
            Assert.That(call.CommittedAnswer, Is.Null);
            Assert.That((await keys.ReserveAsync(request)).Outcome, Is.EqualTo(ReservationOutcome.InFlight));
        });
    }

    [Test]
    public async Task A_command_whose_reservation_was_taken_over_is_rolled_back()
    {
        var caseId = await NewCaseAsync();
        var keys = Keys();
        var request = new IdempotentRequest(Window.UserId, Retry.NewKey(), "POST", $"/api/cases/{caseId}/withdraw", "hash");
        var reservation = await keys.ReserveAsync(request);
        _clock.Advance(new IdempotencyOptions().InFlightTimeout + TimeSpan.FromSeconds(1));
        Assert.That((await keys.ReserveAsync(request)).Outcome, Is.EqualTo(ReservationOutcome.Reserved), "a second request takes the abandoned key over");
        var stale = new IdempotentCall(request, reservation.ReservedAt, _ => ValueTask.FromResult<StoredResponse?>(new StoredResponse(200, null, null, [])));
        var store = App.Services.GetRequiredService<CaseStore>();
        var events = (await store.LoadAsync(caseId))!.Rows.Count;

        using (IdempotentCall.Begin(stale))
        {
            Assert.ThrowsAsync<IdempotencyReservationLostException>(() => store.ExecuteAsync(caseId, new WithdrawCase("late"), Window));
        }

        Assert.That((await store.LoadAsync(caseId))!.Rows, Has.Count.EqualTo(events), "the late command wrote nothing");
    }

    [Test]
    public async Task Over_http_an_accepted_command_is_answered_from_the_row_its_commit_completed()
    {
        var caseId = await NewCaseAsync();
        var key = Retry.NewKey();
        var first = await App.Window().PostWithKeyAsync($"/api/cases/{caseId}/withdraw", new { reason = "applicant asked" }, key);
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await using var db = await App.Services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>().CreateDbContextAsync();
        var row = await db.Set<IdempotencyKeyRow>().AsNoTracking().SingleAsync(k => k.Key == key);
        var caseRow = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId);
        Assert.Multiple(async () =>
        {
            Assert.That(row.Status, Is.EqualTo(IdempotencyKeyStatus.Completed));
            Assert.That(row.ResponseBody, Is.EqualTo(await first.Content.ReadAsByteArrayAsync()));
            Assert.That(row.CompletedAt, Is.Not.Null);
            Assert.That(caseRow.Status, Is.EqualTo("Withdrawn"));
        });
    }
}
