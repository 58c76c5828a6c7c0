using System.Text.Json;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Tests.Cases;

/// <summary>A card level is a value of four whose wire name is the text stored events, rows and alerts always held.</summary>
public sealed class CardLevelTests
{
    // The stored events' options (EventSerializer uses the web defaults).
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Test]
    public void Each_level_is_written_as_its_wire_name()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CardLevel.All.Select(l => l.Name), Is.EqualTo(new[] { CardLevels.Yellow, CardLevels.Red, CardLevels.Escalation, CardLevels.ApproveBySilence, CardLevels.Revocation }));
            Assert.That(CardLevel.All.Select(l => JsonSerializer.Serialize(l, Web)), Is.EqualTo(new[] { "\"yellow\"", "\"red\"", "\"escalation\"", "\"approve-by-silence\"", "\"revocation\"" }));
            Assert.That((string)CardLevel.Escalation, Is.EqualTo("escalation"), "rows and payloads take the name");
            Assert.That(new CardPoint(CardLevel.Red, 0, DateTimeOffset.UnixEpoch).Key(2), Is.EqualTo("red:0:2"), "issued-card keys are unchanged");
        });
    }

    [Test]
    public void A_card_issued_event_stored_as_text_reads_back_as_its_level()
    {
        // A payload as the store has always written it, with the level as text.
        const string stored = """{"type":"card-issued","taskId":null,"level":"approve-by-silence","escalation":0,"deadlineAt":"2026-10-09T16:00:00+00:00","dueVersion":1,"cardAt":"2026-10-09T16:00:00+00:00","at":"2026-10-09T16:00:00+00:00"}""";

        var card = (CardIssued)JsonSerializer.Deserialize<CaseEvent>(stored, Web)!;
        var written = JsonSerializer.Serialize<CaseEvent>(card, Web);

        Assert.Multiple(() =>
        {
            Assert.That(card.Level, Is.EqualTo(CardLevel.ApproveBySilence));
            Assert.That(written, Does.Contain("\"level\":\"approve-by-silence\""));
        });
    }

    [TestCase("Yellow")]
    [TestCase("green")]
    [TestCase("")]
    public void A_name_that_is_no_level_is_refused(string name)
    {
        Assert.Multiple(() =>
        {
            Assert.That(CardLevel.TryParse(name, out _), Is.False);
            Assert.Throws<FormatException>(() => CardLevel.Parse(name));
            Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<CardLevel>($"\"{name}\"", Web));
        });
    }

    [Test]
    public void Parse_finds_each_level_by_its_name()
    {
        Assert.That(CardLevel.All.Select(l => CardLevel.Parse(l.Name)), Is.EqualTo(CardLevel.All));
    }
}
