using Approval.Definitions.Model;
using Approval.Engine.Cases.Events;
using FsCheck;
using FsCheck.Fluent;

namespace Approval.Engine.Tests.Cases;

public class JoinProperties
{
    private static readonly string[] Departments = ["taxation", "fire-rescue", "market-regulation", "urban-management", "public-security"];

    /// <summary>Whatever the order and mix of approvals and rejections, a block joins at most once and a decided case accepts no more.</summary>
    [FsCheck.NUnit.Property(MaxTest = 300)]
    public Property The_join_fires_at_most_once_whatever_the_order_of_answers()
    {
        var gen =
            from kind in Gen.Elements(JoinKind.All, JoinKind.Any, JoinKind.Quorum)
            from count in Gen.Choose(2, 5)
            from quorum in Gen.Choose(1, count)
            from answers in Gen.Shuffle(Enumerable.Range(0, count).ToArray())
            from approvals in Gen.ArrayOf(Gen.Elements(true, false), count)
            select (kind, count, quorum, answers, approvals);

        return Prop.ForAll(gen.ToArbitrary(), c =>
        {
            var branches = Enumerable.Range(0, c.count).Select(i => (StepDefinition)TestFlows.Task("t" + i, Departments[i])).ToArray();
            var driver = new CaseDriver(TestFlows.Bundle(new JoinRule(c.kind, c.quorum), branches)).Start();
            foreach (var i in c.answers)
            {
                if (!driver.TaskOf("t" + i).Status.IsOpenTask())
                {
                    continue;
                }

                _ = c.approvals[i] ? driver.Approve("t" + i) : driver.Reject("t" + i);
            }

            var joins = driver.Count<JoinCompleted>();
            var expectedApproved = c.kind switch
            {
                JoinKind.All => c.approvals.All(a => a),
                JoinKind.Any => c.approvals.Any(a => a),
                _ => c.approvals.Count(a => a) >= c.quorum,
            };
            return joins == 1
                && driver.History.OfType<JoinCompleted>().Single().Approved == expectedApproved
                && driver.State.Tasks.All(t => !t.Status.IsOpenTask());
        });
    }
}

internal static class TaskStatusTestExtensions
{
    public static bool IsOpenTask(this Approval.Engine.Cases.TaskStatus status) => Approval.Engine.Cases.TaskStatusExtensions.IsOpen(status);
}
