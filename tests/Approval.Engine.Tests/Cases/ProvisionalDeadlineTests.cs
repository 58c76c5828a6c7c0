using Approval.Calendar;
using Approval.Definitions.Model;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Tests.Cases;

public class ProvisionalDeadlineTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Test data standing in for the 2027 notice, which is not published yet: New Year 1–3 January off.</summary>
    private static readonly CalendarYear Year2027 = new(2027, [new Holiday("元旦", new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 3))], [], "test data");

    [Test]
    public void A_deadline_into_a_year_without_data_is_provisional_and_recomputed_when_the_year_is_added()
    {
        var definition = TestFlows.Bundle(JoinRule.All, TestFlows.Task("review", "housing-construction", 20), TestFlows.Task("tax", "taxation", 1)) with
        {
            TimeLimit = TimeLimit.OfWorkingDays(25),
        };
        var d = new CaseDriver(definition) { Now = new DateTimeOffset(2026, 12, 15, 10, 0, 0, China) }.Start();
        var before = d.TaskOf("review").Due;
        Assert.That(before.Provisional, Is.True, "2027 has no calendar file");
        Assert.That(d.TaskOf("tax").Due.Provisional, Is.False, "a deadline inside 2026 is not provisional");

        d.Do(new ReturnForSupplement(d.TaskOf("review").TaskId, ["图纸"], null), TestFlows.Clerk("housing-construction"));
        d.Now = new DateTimeOffset(2026, 12, 17, 10, 0, 0, China);
        d.Do(new ReceiveSupplement(d.TaskOf("review").TaskId, "online"), TestFlows.Clerk("housing-construction"));
        var afterStop = d.TaskOf("review").Due;

        d.Calendar = new WorkingCalendar([.. TestFlows.Calendar.Years, Year2027], new CalendarOptions());
        var recomputed = d.Do(new RecomputeDeadlines(), Actor.System);

        var expected = d.Calendar.Resume(d.Calendar.Due(new DateTimeOffset(2026, 12, 15, 10, 0, 0, China), TimeLimit.OfWorkingDays(20)).At,
            new DateTimeOffset(2026, 12, 15, 10, 0, 0, China), new DateTimeOffset(2026, 12, 17, 10, 0, 0, China), TimeLimit.OfWorkingDays(20));
        Assert.Multiple(() =>
        {
            Assert.That(recomputed.IsAccepted, Is.True);
            Assert.That(d.TaskOf("review").Due.Provisional, Is.False);
            Assert.That(d.TaskOf("review").Due.At, Is.EqualTo(expected.At), "the stop is replayed on the new calendar");
            Assert.That(d.TaskOf("review").Due.At, Is.GreaterThan(afterStop.At), "New Year's Day off pushes the due one working day later");
            Assert.That(d.TaskOf("review").DueVersion, Is.EqualTo(3));
            Assert.That(d.State.Due!.Value.Provisional, Is.False);
            Assert.That(d.Do(new RecomputeDeadlines(), Actor.System).Refusal?.Code, Is.EqualTo("nothing-to-recompute"));
        });
    }
}
