using Approval.Persistence.Audit;

namespace Approval.Persistence.Tests;

/// <summary>The audit trail (全程留痕) verified from the stored rows: every kind of tampering is named by the event it hits.</summary>
public class AuditVerifierTests
{
    private AuditTrailDatabase _db = null!;
    private AuditVerifier _verifier = null!;

    [SetUp]
    public async Task Open()
    {
        _db = await AuditTrailDatabase.CreateAsync();
        _verifier = new AuditVerifier(_db.Factory);
    }

    [TearDown]
    public async Task Close() => await _db.DisposeAsync();

    // SQLite stores EF's Guids as upper-case text.
    private static string Id(Guid caseId) => caseId.ToString().ToUpperInvariant();

    [Test]
    public async Task An_untouched_case_verifies()
    {
        var caseId = await _db.AddCaseAsync(5);
        var audit = await _verifier.VerifyAsync(caseId);
        Assert.Multiple(() =>
        {
            Assert.That(audit!.Valid, Is.True, audit.Problem);
            Assert.That(audit.Events, Is.EqualTo(5));
            Assert.That(audit.FirstBrokenSequence, Is.Null);
            Assert.That(audit.LastHash, Has.Length.EqualTo(64));
        });
    }

    [Test]
    public async Task A_rewritten_payload_names_that_event()
    {
        var caseId = await _db.AddCaseAsync(5);
        var changed = await _db.ExecuteAsync(
            "UPDATE case_events SET Payload = replace(Payload, 'wang@fire-rescue', 'li@fire-rescue') WHERE CaseId = {0} AND Sequence = 3", Id(caseId));
        Assert.That(changed, Is.EqualTo(1), "the tampering hit a row");

        var audit = await _verifier.VerifyAsync(caseId);
        Assert.Multiple(() =>
        {
            Assert.That(audit!.Valid, Is.False);
            Assert.That(audit.FirstBrokenSequence, Is.EqualTo(3));
            Assert.That(audit.Break, Is.EqualTo(AuditBreak.HashMismatch));
            Assert.That(audit.Problem, Does.Contain("Event 3"));
        });
    }

    [Test]
    public async Task A_deleted_event_names_the_gap()
    {
        var caseId = await _db.AddCaseAsync(5);
        await _db.ExecuteAsync("DELETE FROM case_events WHERE CaseId = {0} AND Sequence = 2", Id(caseId));

        var audit = await _verifier.VerifyAsync(caseId);
        Assert.Multiple(() =>
        {
            Assert.That(audit!.FirstBrokenSequence, Is.EqualTo(2));
            Assert.That(audit.Break, Is.EqualTo(AuditBreak.MissingEvent));
            Assert.That(audit.Problem, Does.Contain("Event 2 is missing"));
            Assert.That(audit.Events, Is.EqualTo(4));
        });
    }

    [Test]
    public async Task Events_cut_off_the_end_are_named_from_the_case_row()
    {
        var caseId = await _db.AddCaseAsync(5);
        await _db.ExecuteAsync("DELETE FROM case_events WHERE CaseId = {0} AND Sequence >= 4", Id(caseId));

        var audit = await _verifier.VerifyAsync(caseId);
        Assert.Multiple(() =>
        {
            Assert.That(audit!.FirstBrokenSequence, Is.EqualTo(4));
            Assert.That(audit.Break, Is.EqualTo(AuditBreak.MissingEvent));
            Assert.That(audit.Problem, Does.Contain("counts 5"));
        });
    }

    [Test]
    public async Task Swapped_events_are_a_hash_mismatch_at_the_first_of_them()
    {
        var caseId = await _db.AddCaseAsync(5);
        await _db.ExecuteAsync("UPDATE case_events SET Sequence = -Sequence WHERE CaseId = {0} AND Sequence IN (2, 3)", Id(caseId));
        await _db.ExecuteAsync("UPDATE case_events SET Sequence = 5 + Sequence WHERE CaseId = {0} AND Sequence IN (-2, -3)", Id(caseId));

        var audit = await _verifier.VerifyAsync(caseId);
        Assert.That(audit!.FirstBrokenSequence, Is.EqualTo(2));
        Assert.That(audit.Break, Is.EqualTo(AuditBreak.HashMismatch));
    }

    [Test]
    public async Task A_rewritten_actor_column_is_caught_although_the_hash_covers_only_the_payload()
    {
        var caseId = await _db.AddCaseAsync(3);
        await _db.ExecuteAsync("UPDATE case_events SET ActorId = 'li@fire-rescue' WHERE CaseId = {0} AND Sequence = 2", Id(caseId));

        var audit = await _verifier.VerifyAsync(caseId);
        Assert.That(audit!.FirstBrokenSequence, Is.EqualTo(2));
        Assert.That(audit.Break, Is.EqualTo(AuditBreak.ColumnMismatch));
        Assert.That(audit.Problem, Does.Contain("actor"));
    }

    [Test]
    public async Task Verifying_all_names_each_broken_case_and_passes_the_rest()
    {
        var intact = await _db.AddCaseAsync(4);
        var rewritten = await _db.AddCaseAsync(4);
        var emptied = await _db.AddCaseAsync(2);
        await _db.ExecuteAsync("UPDATE case_events SET Payload = Payload || ' ' WHERE CaseId = {0} AND Sequence = 4", Id(rewritten));
        await _db.ExecuteAsync("DELETE FROM case_events WHERE CaseId = {0}", Id(emptied));

        var audits = new Dictionary<Guid, CaseAudit>();
        await foreach (var audit in _verifier.VerifyAllAsync())
        {
            audits.Add(audit.CaseId, audit);
        }

        Assert.Multiple(() =>
        {
            Assert.That(audits.Keys, Is.EquivalentTo(new[] { intact, rewritten, emptied }));
            Assert.That(audits[intact].Valid, Is.True);
            Assert.That(audits[rewritten].FirstBrokenSequence, Is.EqualTo(4));
            Assert.That(audits[emptied].FirstBrokenSequence, Is.EqualTo(1), "a case row whose events are all gone");
        });
    }

    [Test]
    public async Task An_unknown_case_is_null()
    {
        Assert.That(await _verifier.VerifyAsync(Guid.NewGuid()), Is.Null);
    }
}
