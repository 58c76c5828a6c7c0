using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Tests.Cases.Service;

/// <summary>Result documents (证照): checked on approval, kept on the task, listed and carried by electronic delivery.</summary>
public class ResultDocumentTests
{
    private static readonly ResultDocumentInput Licence = new("JY13501000000001", "食品经营许可证", new DateOnly(2026, 3, 2), new DateOnly(2031, 3, 1), "elicence:JY13501000000001");

    [Test]
    public void A_bad_document_is_refused_naming_every_field_and_nothing_is_recorded()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        var fire = driver.TaskOf("fire");
        var before = driver.State;

        var backwards = driver.Do(new ApproveTask(fire.TaskId, null, null) { Document = Licence with { ValidTo = new DateOnly(2026, 3, 1) } }, TestFlows.Clerk("fire-rescue"));
        var empty = driver.Do(new ApproveTask(fire.TaskId, null, null) { Document = new ResultDocumentInput(" ", null, null, null, "") }, TestFlows.Clerk("fire-rescue"));

        Assert.Multiple(() =>
        {
            Assert.That(backwards.Refusal?.Code, Is.EqualTo(RefusalCodes.DocumentValidity));
            Assert.That(backwards.Refusal?.Errors?.Keys, Is.EquivalentTo(new[] { "document.validTo" }));
            Assert.That(empty.Refusal?.Code, Is.EqualTo(RefusalCodes.DocumentInvalid));
            Assert.That(empty.Refusal?.Errors?.Keys, Is.EquivalentTo(new[] { "document.number", "document.name", "document.validFrom", "document.fileReference" }));
            Assert.That(driver.State, Is.SameAs(before));
        });
    }

    [Test]
    public void Approvals_record_their_documents_and_electronic_delivery_carries_every_one()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        foreach (var task in driver.State.Tasks.ToList())
        {
            var document = task.StepId switch
            {
                "food-permit" => Licence,
                "licence" => new ResultDocumentInput(" 91350100M000100Y43 ", "营业执照", new DateOnly(2026, 3, 2), null, null),
                _ => null,
            };
            Assert.That(driver.Do(new ApproveTask(task.TaskId, null, null) { Document = document }, TestFlows.Clerk(task.Department)).Refusal, Is.Null);
        }

        Assert.That(driver.TaskOf("licence").Document, Is.EqualTo(new ResultDocument("91350100M000100Y43", "营业执照", new DateOnly(2026, 3, 2), null, null)));
        Assert.That(driver.State.Documents.Select(d => d.StepId), Is.EqualTo(new[] { "licence", "food-permit" }));

        var delivered = driver.Do(new DeliverCase(DeliveryMethods.Electronic, null), TestFlows.Window);
        Assert.That(delivered.Refusal, Is.Null);
        var e = delivered.Events.OfType<CaseDelivered>().Single();
        Assert.That(e.Documents?.Select(d => d.Document.Number), Is.EqualTo(new[] { "91350100M000100Y43", "JY13501000000001" }));
    }

    [Test]
    public void Pickup_carries_no_documents_in_the_event()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        foreach (var task in driver.State.Tasks.ToList())
        {
            driver.Do(new ApproveTask(task.TaskId, null, null) { Document = Licence }, TestFlows.Clerk(task.Department));
        }

        var delivered = driver.Do(new DeliverCase(DeliveryMethods.Pickup, null), TestFlows.Window);
        Assert.That(delivered.Events.OfType<CaseDelivered>().Single().Documents, Is.Null);
        Assert.That(driver.State.Documents, Has.Count.EqualTo(4), "the case still lists them");
    }
}
