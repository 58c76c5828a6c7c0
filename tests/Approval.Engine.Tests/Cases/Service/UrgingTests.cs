using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Tests.Cases.Service;

/// <summary>Urging (催办): who may urge, once per working day unless a supervisor insists, and no deadline moves.</summary>
public class UrgingTests
{
    private static CaseDriver Started() => new CaseDriver(TestFlows.OpenRestaurant()).Start();

    [Test]
    public void The_window_urges_an_open_task_it_is_counted_and_its_due_does_not_move()
    {
        var driver = Started();
        var fire = driver.TaskOf("fire");
        var decision = driver.Do(new UrgeTask(fire.TaskId, " 申请人催问进度 ", Insist: false), TestFlows.Window);

        Assert.That(decision.Refusal, Is.Null);
        var urged = decision.Events.OfType<TaskUrged>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(decision.Events, Has.Count.EqualTo(1), "urging records one event and nothing else (no deadline-moved)");
            Assert.That(urged.Note, Is.EqualTo("申请人催问进度"));
            Assert.That(urged.Insisted, Is.False);
            Assert.That(urged.Actor, Is.EqualTo(TestFlows.Window));
            Assert.That(driver.TaskOf("fire").Urgings, Is.EqualTo(1));
            Assert.That(driver.TaskOf("fire").LastUrgedAt, Is.EqualTo(driver.Now));
            Assert.That(driver.TaskOf("fire").Due, Is.EqualTo(fire.Due), "urging moves no deadline");
            Assert.That(driver.TaskOf("fire").DueVersion, Is.EqualTo(fire.DueVersion));
        });
    }

    [Test]
    public void A_second_urging_the_same_working_day_is_refused_and_allowed_the_next_working_day()
    {
        var driver = Started();
        var fire = driver.TaskOf("fire").TaskId;
        Assert.That(driver.Do(new UrgeTask(fire, null, false), TestFlows.Window).Refusal, Is.Null);

        driver.Now = driver.Now.AddHours(6);
        var again = driver.Do(new UrgeTask(fire, null, false), TestFlows.Window);
        Assert.That(again.Refusal?.Code, Is.EqualTo(RefusalCodes.AlreadyUrged));
        Assert.That(again.Events, Is.Empty);

        driver.Now = TestFlows.Monday.AddDays(1).AddHours(-1); // Tuesday 09:00
        Assert.That(driver.Do(new UrgeTask(fire, null, false), TestFlows.Window).Refusal, Is.Null);
        Assert.That(driver.TaskOf("fire").Urgings, Is.EqualTo(2));
    }

    [Test]
    public void A_weekend_belongs_to_the_working_day_before_it_for_urging()
    {
        var driver = Started();
        var fire = driver.TaskOf("fire").TaskId;
        driver.Now = TestFlows.Monday.AddDays(4); // Friday 2026-03-06
        Assert.That(driver.Do(new UrgeTask(fire, null, false), TestFlows.Window).Refusal, Is.Null);

        driver.Now = TestFlows.Monday.AddDays(5); // Saturday: no working day has begun since Friday
        Assert.That(driver.Do(new UrgeTask(fire, null, false), TestFlows.Window).Refusal?.Code, Is.EqualTo(RefusalCodes.AlreadyUrged));

        driver.Now = TestFlows.Monday.AddDays(7).AddHours(-1); // Monday 2026-03-09 09:00
        Assert.That(driver.Do(new UrgeTask(fire, null, false), TestFlows.Window).Refusal, Is.Null);
    }

    [Test]
    public void A_supervisor_may_insist_the_same_day_the_window_may_not()
    {
        var driver = Started();
        var fire = driver.TaskOf("fire").TaskId;
        Assert.That(driver.Do(new UrgeTask(fire, null, false), TestFlows.Window).Refusal, Is.Null);

        Assert.That(driver.Do(new UrgeTask(fire, null, Insist: true), TestFlows.Window).Refusal?.Code, Is.EqualTo(RefusalCodes.SupervisorOnly));
        Assert.That(driver.Do(new UrgeTask(fire, null, Insist: false), TestFlows.Supervisor).Refusal?.Code, Is.EqualTo(RefusalCodes.AlreadyUrged));

        var insisted = driver.Do(new UrgeTask(fire, "督办要求今日办结", Insist: true), TestFlows.Supervisor);
        Assert.That(insisted.Refusal, Is.Null);
        Assert.That(insisted.Events.OfType<TaskUrged>().Single().Insisted, Is.True);
        Assert.That(driver.TaskOf("fire").Urgings, Is.EqualTo(2));
    }

    [Test]
    public void Every_refusal_of_an_urging_changes_nothing()
    {
        var driver = Started();
        var fire = driver.TaskOf("fire");
        var cases = new (CaseCommand Command, Actor Actor, string Code)[]
        {
            (new UrgeTask(fire.TaskId, null, false), TestFlows.Clerk("fire-rescue"), RefusalCodes.UrgingNotAllowed),
            (new UrgeTask(fire.TaskId, new string('催', 501), false), TestFlows.Window, RefusalCodes.CommentTooLong),
            (new UrgeTask(Guid.NewGuid(), null, false), TestFlows.Window, RefusalCodes.TaskNotFound),
        };
        foreach (var (command, actor, code) in cases)
        {
            var before = driver.State;
            var decision = driver.Do(command, actor);
            Assert.Multiple(() =>
            {
                Assert.That(decision.Refusal?.Code, Is.EqualTo(code));
                Assert.That(decision.Events, Is.Empty);
                Assert.That(driver.State, Is.SameAs(before));
            });
        }

        driver.Approve("fire");
        Assert.That(driver.Do(new UrgeTask(fire.TaskId, null, false), TestFlows.Window).Refusal?.Code, Is.EqualTo(RefusalCodes.TaskNotOpen));
    }
}
