using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Approval.Calendar;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Tests.Cases;

/// <summary>The state is a fold of events that nothing can change: deciding leaves its input alone, and every event type folds.</summary>
public sealed class ImmutableStateTests
{
    private static readonly string[] StepIds = ["intake", "joint-review", "licence", "food-permit", "signage", "fire", "tax", "deliver"];

    [Test]
    public void Deciding_never_changes_the_state_it_is_given_and_its_state_is_the_fold_of_the_history()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant());
        Guid Task(string step) => driver.TaskOf(step).TaskId;
        var supervisorOfFire = TestFlows.Clerk("fire-rescue");
        var script = new List<(Func<CaseCommand> Command, Actor Actor)>
        {
            (() => new StartCase(Guid.NewGuid(), TestFlows.Data("""{"hasOutdoorSign": true}""")), TestFlows.Window),
            (() => new ClaimTask(Task("licence")), TestFlows.Clerk("market-regulation")),
            (() => new ClaimTask(Task("licence")), TestFlows.Clerk("market-regulation", "other")),
            (() => new ApproveTask(Task("licence"), "L-1", null), TestFlows.Clerk("taxation")),
            (() => new ApproveTask(Guid.NewGuid(), "L-1", null), TestFlows.Clerk("market-regulation")),
            (() => new ApproveTask(Task("licence"), "L-1", null), TestFlows.Clerk("market-regulation")),
            (() => new ReturnForSupplement(Task("signage"), ["site-plan"], null), TestFlows.Clerk("urban-management")),
            (() => new ApproveTask(Task("signage"), null, null), TestFlows.Clerk("urban-management")),
            (() => new ReceiveSupplement(Task("signage"), ArrivalChannels.Window), TestFlows.Window),
            (() => new SuspendTask(Task("fire"), "inspection", "现场检查"), supervisorOfFire),
            (() => new ResumeTask(Task("fire")), supervisorOfFire),
            (() => new ExtendTask(Task("tax"), 2, "系统故障"), TestFlows.Supervisor),
            (() => new ExtendCase(1, "系统故障"), TestFlows.Supervisor),
            (() => new AllowSupplementRound(Task("tax")), TestFlows.Supervisor),
            (() => new TransferTask(Task("food-permit"), "someone"), TestFlows.Supervisor),
            (() => new SuperviseDeadline(Task("tax"), 2), Actor.System),
            (() => new RejectTask(Task("fire"), "消防不合格"), supervisorOfFire),
            (() => new WithdrawCase("不办了"), TestFlows.Window),
        };

        foreach (var (command, actor) in script)
        {
            var before = driver.State;
            var snapshot = Snapshot(before);
            var decided = command();
            var decision = driver.Do(decided, actor);

            Assert.Multiple(() =>
            {
                Assert.That(Snapshot(before), Is.EqualTo(snapshot), $"{decided.GetType().Name} changed the state it was given");
                Assert.That(Snapshot(decision.State), Is.EqualTo(Snapshot(CaseState.Fold(driver.History))), $"{decided.GetType().Name}: the decision's state is not the fold of the history");
                Assert.That(decision.State.Version, Is.EqualTo(before.Version + decision.Events.Count));
                if (!decision.IsAccepted)
                {
                    Assert.That(decision.State, Is.SameAs(before), "a refusal leads back to the state it was given");
                }
            });
        }

        Assert.That(driver.History.Select(e => e.GetType()).Distinct().Count(), Is.GreaterThan(12), "the script should exercise most of the fold");
    }

    [Test]
    public void Every_event_type_folds_and_is_registered_for_storage()
    {
        var driver = new CaseDriver(TestFlows.OpenRestaurant()).Start();
        var started = driver.State;
        var taskId = driver.TaskOf("licence").TaskId;
        var registered = typeof(CaseEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType).ToHashSet();
        var eventTypes = typeof(CaseEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CaseEvent)) && !t.IsAbstract).ToList();
        Assert.That(eventTypes, Has.Count.GreaterThanOrEqualTo(29));

        foreach (var type in eventTypes)
        {
            var e = Instance(type, taskId);
            CaseState? folded = null;
            Assert.Multiple(() =>
            {
                Assert.That(registered, Does.Contain(type), $"{type.Name} has no [JsonDerivedType] on CaseEvent: it could not be read back");
                Assert.DoesNotThrow(() => folded = started.Apply(e), $"{type.Name} has no Apply in CaseState.Apply.cs");
                Assert.That(folded?.Version, Is.EqualTo(started.Version + 1), type.Name);
                Assert.That(Snapshot(started), Is.EqualTo(Snapshot(driver.State)), $"folding {type.Name} changed the state it folded onto");
            });
        }
    }

    [Test]
    public void An_event_without_a_fold_is_refused_loudly()
    {
        var started = new CaseDriver(TestFlows.OpenRestaurant()).Start().State;

        Assert.Throws<InvalidOperationException>(() => started.Apply(new UnfoldedEvent()));
    }

    private sealed record UnfoldedEvent : CaseEvent;

    /// <summary>Everything a reader can see of a state, as text: equal snapshots, equal states.</summary>
    private static string Snapshot(CaseState state) =>
        JsonSerializer.Serialize(new { state, outcomes = StepIds.Select(state.OutcomeOf), choice = state.ChosenBranch("joint-review") });

    /// <summary>An instance of an event type with plausible values for each constructor parameter, naming <paramref name="taskId"/>.</summary>
    private static CaseEvent Instance(Type type, Guid taskId)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = constructor.GetParameters().Select(p => Value(p, taskId)).ToArray();
        return (CaseEvent)constructor.Invoke(args) with { At = TestFlows.Monday.AddHours(1) };
    }

    private static object? Value(ParameterInfo p, Guid taskId)
    {
        var type = Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType;
        return type switch
        {
            _ when type == typeof(Guid) => taskId,
            _ when type == typeof(string) => p.Name switch
            {
                "StepId" => "licence",
                "Channel" => ArrivalChannels.Window,
                "Method" => DeliveryMethods.Pickup,
                _ => "x",
            },
            _ when type == typeof(CardLevel) => CardLevel.Yellow,
            _ when type == typeof(int) => 1,
            _ when type == typeof(bool) => false,
            _ when type == typeof(DateTimeOffset) => TestFlows.Monday,
            _ when type == typeof(Deadline) => new Deadline(TestFlows.Monday.AddDays(3), false),
            _ when type == typeof(IReadOnlyList<string>) => new[] { "a" },
            _ when type == typeof(IReadOnlyDictionary<string, JsonElement>) => TestFlows.Data(),
            _ when type == typeof(IReadOnlyList<CommitmentRecord>) => new[] { new CommitmentRecord("licence", "x", TestFlows.Monday) },
            _ when p.HasDefaultValue => p.DefaultValue,
            _ => throw new AssertionException($"No test value for {p.Member.DeclaringType?.Name}.{p.Name} ({p.ParameterType.Name}); add one here."),
        };
    }
}
