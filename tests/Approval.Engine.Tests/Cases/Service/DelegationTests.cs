using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Delegations;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Tests.Cases.Service;

/// <summary>Delegation (委托): granting, its refusals, acting "on behalf of", and ending by the clock.</summary>
public class DelegationTests
{
    private static readonly Actor Wang = TestFlows.Clerk("fire-rescue", "wang");
    private static readonly Actor Li = TestFlows.Clerk("fire-rescue", "li");
    private static readonly DateTimeOffset Now = TestFlows.Monday;

    private static DelegationDecision Grant(DelegationInput input, Actor? by = null, params Delegation[] existing) =>
        DelegationRules.Grant(by ?? Wang, input, existing, Now, TestFlows.Calendar, Guid.NewGuid());

    private static Delegation WangToLi(DateTimeOffset? to = null) =>
        Grant(new DelegationInput(Li.UserId, null, null, to ?? Now.AddDays(3), null, "年休假")).Delegation!;

    [Test]
    public void A_delegation_for_working_days_ends_at_the_close_of_the_last_one()
    {
        var granted = Grant(new DelegationInput(Li.UserId, "fire-rescue", null, null, 3, "年休假")).Delegation!;
        Assert.Multiple(() =>
        {
            Assert.That(granted.From, Is.EqualTo(Now));
            Assert.That(granted.To, Is.EqualTo(TestFlows.Calendar.Due(Now, Approval.Calendar.TimeLimit.OfWorkingDays(3)).At));
            Assert.That(TestFlows.Calendar.DeadlineDate(granted.To), Is.EqualTo(new DateOnly(2026, 3, 5)), "the start day does not count: Tuesday, Wednesday, Thursday");
            Assert.That(granted.Department, Is.EqualTo("fire-rescue"));
            Assert.That(granted.DelegatorId, Is.EqualTo(Wang.UserId));
            Assert.That(granted.IsActiveAt(Now), Is.True);
        });
    }

    [Test]
    public void Every_refusal_of_a_grant_names_its_code_and_field()
    {
        var existing = WangToLi();
        var refusals = new (DelegationInput Input, Actor By, string Code, string? Field)[]
        {
            (new(Li.UserId, "market-regulation", null, Now.AddDays(1), null, null), Wang, RefusalCodes.OtherDepartment, null),
            (new(Wang.UserId, null, null, Now.AddDays(1), null, null), Wang, RefusalCodes.DelegationSelf, "toUserId"),
            (new(Li.UserId, null, null, Now.AddMinutes(-1), null, null), Wang, RefusalCodes.DelegationInPast, "to"),
            (new(Li.UserId, null, Now.AddDays(2), Now.AddDays(1), null, null), Wang, RefusalCodes.DelegationPeriod, "to"),
            (new(Li.UserId, null, null, null, null, null), Wang, RefusalCodes.DelegationPeriod, "to"),
            (new(Li.UserId, null, null, Now.AddDays(1), 2, null), Wang, RefusalCodes.DelegationPeriod, "to"),
            (new(Li.UserId, null, null, null, 0, null), Wang, RefusalCodes.WorkingDays, "workingDays"),
            (new(Li.UserId, null, null, null, int.MaxValue, null), Wang, RefusalCodes.WorkingDays, "workingDays"),
            (new(" ", null, null, Now.AddDays(1), null, null), Wang, RefusalCodes.ToUserRequired, "toUserId"),
            (new(Li.UserId, null, null, Now.AddDays(1), null, null), TestFlows.Window, RefusalCodes.DepartmentClerkOnly, null),
            (new("zhao@fire-rescue", null, Now.AddDays(2), Now.AddDays(5), null, null), Wang, RefusalCodes.DelegationOverlaps, null),
        };
        foreach (var (input, by, code, field) in refusals)
        {
            var decision = Grant(input, by, existing);
            Assert.Multiple(() =>
            {
                Assert.That(decision.Refusal?.Code, Is.EqualTo(code), $"{input}");
                Assert.That(decision.Refusal?.Field, Is.EqualTo(field), $"{input}");
                Assert.That(decision.Delegation, Is.Null);
            });
        }

        Assert.That(Grant(new("zhao@fire-rescue", null, Now.AddDays(3), Now.AddDays(5), null, null), Wang, existing).Delegation, Is.Not.Null, "a period right after the first does not overlap it");
    }

    [Test]
    public void The_delegate_acts_on_the_delegators_claimed_task_on_their_behalf_until_the_period_ends()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        var fire = driver.TaskOf("fire").TaskId;
        Assert.That(driver.Do(new ClaimTask(fire), Wang).Refusal, Is.Null);
        var li = Li with { Delegations = [WangToLi(to: Now.AddDays(1))] };

        Assert.That(driver.Do(new ApproveTask(fire, "x", null), Li).Refusal?.Code, Is.EqualTo(RefusalCodes.TaskClaimed), "without the delegation Li cannot act");

        driver.Now = Now.AddDays(1);
        Assert.That(driver.Do(new ApproveTask(fire, "x", null), li).Refusal?.Code, Is.EqualTo(RefusalCodes.TaskClaimed), "the delegation ended by itself at its end");

        driver.Now = Now.AddHours(2);
        var approved = driver.Do(new ApproveTask(fire, "消防意见书", null), li);
        Assert.That(approved.Refusal, Is.Null);
        var e = approved.Events.OfType<TaskApproved>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(e.Actor.UserId, Is.EqualTo(Li.UserId));
            Assert.That(e.Actor.OnBehalfOf, Is.EqualTo(Wang.UserId));
            Assert.That(e.Actor.Delegations, Is.Empty, "the delegations themselves are not recorded");
        });
    }

    [Test]
    public void A_delegation_of_another_department_or_a_revoked_one_does_not_apply()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        var fire = driver.TaskOf("fire").TaskId;
        driver.Do(new ClaimTask(fire), Wang);
        var delegation = WangToLi();
        var revoked = DelegationRules.Revoke(Wang, delegation, Now.AddMinutes(5)).Delegation!;
        var outsider = TestFlows.Clerk("taxation", "li") with { Delegations = [delegation with { DelegateId = "li@taxation" }] };
        driver.Now = Now.AddHours(1);

        Assert.That(driver.Do(new ApproveTask(fire, "x", null), Li with { Delegations = [revoked] }).Refusal?.Code, Is.EqualTo(RefusalCodes.TaskClaimed));
        Assert.That(driver.Do(new ApproveTask(fire, "x", null), outsider).Refusal?.Code, Is.EqualTo(RefusalCodes.OtherDepartment));
    }

    [Test]
    public void Revoking_is_for_the_delegator_or_a_supervisor_while_it_lasts()
    {
        var delegation = WangToLi();
        Assert.Multiple(() =>
        {
            Assert.That(DelegationRules.Revoke(Li, delegation, Now).Refusal?.Code, Is.EqualTo(RefusalCodes.DelegationNotYours));
            Assert.That(DelegationRules.Revoke(TestFlows.Supervisor, delegation, Now).Delegation?.RevokedBy, Is.EqualTo(TestFlows.Supervisor.UserId));
            Assert.That(DelegationRules.Revoke(Wang, delegation, Now.AddDays(3)).Refusal?.Code, Is.EqualTo(RefusalCodes.DelegationEnded), "already over by the clock");
            var revoked = DelegationRules.Revoke(Wang, delegation, Now.AddHours(1)).Delegation!;
            Assert.That(revoked.IsActiveAt(Now.AddHours(2)), Is.False);
            Assert.That(DelegationRules.Revoke(Wang, revoked, Now.AddHours(2)).Refusal?.Code, Is.EqualTo(RefusalCodes.DelegationEnded));
        });
    }
}
