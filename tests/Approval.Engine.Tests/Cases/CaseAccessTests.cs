using Approval.Engine.Cases;

namespace Approval.Engine.Tests.Cases;

/// <summary>The one authorisation rule, in the engine: who reads a case, a task and an inbox.</summary>
public sealed class CaseAccessTests
{
    [Test]
    public void A_case_is_read_in_full_by_the_window_and_supervisors_masked_by_its_departments_and_not_at_all_by_others()
    {
        var state = new CaseDriver(TestFlows.OpenRestaurant()).Start().State;
        var analyst = new Actor("ana", "ana", [ClerkRoles.Analyst], null);

        Assert.Multiple(() =>
        {
            Assert.That(CaseAccess.ReadScope(TestFlows.Window, state), Is.EqualTo(CaseReadScope.Full));
            Assert.That(CaseAccess.ReadScope(TestFlows.Supervisor, state), Is.EqualTo(CaseReadScope.Full));
            Assert.That(CaseAccess.ReadScope(TestFlows.Clerk("taxation"), state), Is.EqualTo(CaseReadScope.Masked));
            Assert.That(CaseAccess.ReadScope(TestFlows.Clerk("urban-management"), state), Is.EqualTo(CaseReadScope.None), "no signage task without an outdoor sign");
            Assert.That(CaseAccess.ReadScope(analyst, state), Is.EqualTo(CaseReadScope.None));
            Assert.That(CaseAccess.AfterCommand(analyst, state), Is.EqualTo(CaseReadScope.Masked));
            Assert.That(CaseAccess.CaseRefused(analyst).Code, Is.EqualTo(RefusalCodes.CaseReadNotAllowed));
            Assert.That(CaseAccess.CaseRefused(TestFlows.Clerk("urban-management")).Code, Is.EqualTo(RefusalCodes.OtherDepartment));
        });
    }

    [Test]
    public void Tasks_and_inboxes_belong_to_their_department()
    {
        var task = new CaseDriver(TestFlows.OpenRestaurant()).Start().TaskOf("tax");

        Assert.Multiple(() =>
        {
            Assert.That(CaseAccess.MayWorkOn(TestFlows.Clerk("taxation"), task), Is.True);
            Assert.That(CaseAccess.MayWorkOn(TestFlows.Clerk("fire-rescue"), task), Is.False);
            Assert.That(CaseAccess.MayWorkOn(TestFlows.Supervisor, task), Is.False, "supervisors extend and transfer; they do not decide a department's item");
            Assert.That(CaseAccess.MayWorkOn(Actor.System, task), Is.True);
            Assert.That(CaseAccess.MayReadTask(TestFlows.Clerk("fire-rescue"), "taxation"), Is.False);
            Assert.That(CaseAccess.MayReadTask(TestFlows.Window, "taxation"), Is.True);
            Assert.That(CaseAccess.MayReadInbox(TestFlows.Clerk("fire-rescue"), "taxation"), Is.False);
            Assert.That(CaseAccess.MayReadInbox(TestFlows.Supervisor, "taxation"), Is.True);
            Assert.That(CaseAccess.MayReadCards(TestFlows.Clerk("taxation"), "fire-rescue", out _), Is.False);
            Assert.That(CaseAccess.MayReadCards(TestFlows.Clerk("taxation"), null, out var scope) && scope == "taxation", Is.True);
        });
    }
}
