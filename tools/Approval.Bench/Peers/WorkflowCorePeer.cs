using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;
using WorkflowCore.Models.LifeCycleEvents;

namespace Approval.Bench.Peers;

/// <summary>
/// WorkflowCore in process with its defaults (in-memory persistence, single-node queues and locks):
/// starts N instances of a flow, publishes their approvals when the flow waits for events, and times
/// until every instance has completed. Nothing is durable: the default provider keeps instances in lists.
/// </summary>
public static class WorkflowCorePeer
{
    public static async Task<PeerFigure> RunAsync<TFlow>(string label, int cases, int warmupCases, TimeSpan timeout, bool publishApprovals)
        where TFlow : IWorkflow<PeerCaseData>, new()
    {
        // A separate host for the warm-up: the in-memory provider scans its lists on every lookup, so
        // warm-up instances left in the measured host would slow it; the JIT's work carries over.
        if (warmupCases > 0)
        {
            await RunOnceAsync<TFlow>(label, warmupCases, timeout, publishApprovals);
        }

        return await RunOnceAsync<TFlow>(label, cases, timeout, publishApprovals);
    }

    private static async Task<PeerFigure> RunOnceAsync<TFlow>(string label, int cases, TimeSpan timeout, bool publishApprovals)
        where TFlow : IWorkflow<PeerCaseData>, new()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow();
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<TFlow, PeerCaseData>();
        var flowId = new TFlow().Id;

        var completed = 0;
        var errors = new List<string>();
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.OnLifeCycleEvent += e =>
        {
            if (e is WorkflowCompleted && Interlocked.Increment(ref completed) == cases)
            {
                allDone.TrySetResult();
            }
        };
        host.OnStepError += (_, step, ex) =>
        {
            lock (errors)
            {
                errors.Add($"{step.Name ?? step.BodyType.Name}: {ex.Message}");
            }
        };
        await host.StartAsync(CancellationToken.None);
        try
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var keys = new string[cases];
            var ids = new string[cases];
            for (var i = 0; i < cases; i++)
            {
                keys[i] = $"case-{i}";
                ids[i] = await host.StartWorkflow(flowId, 1, new PeerCaseData { CaseKey = keys[i] }, keys[i]);
            }

            if (publishApprovals)
            {
                // The approvals arrive after intake, each addressed to its case and department, as our clerks' commands do.
                for (var department = 1; department <= ApprovalFlows.Departments; department++)
                {
                    foreach (var key in keys)
                    {
                        await host.PublishEvent(EventApprovalFlow.EventName, EventApprovalFlow.EventKey(key, department), "ok");
                    }
                }
            }

            var finished = await Task.WhenAny(allDone.Task, Task.Delay(timeout)) == allDone.Task;
            clock.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var done = Volatile.Read(ref completed);
            if (finished)
            {
                await CheckDeliveredAsync(host, ids, errors);
            }
            else
            {
                errors.Add($"{cases - done} of {cases} instances not complete after {timeout.TotalSeconds:N0} s (the figure is the completed ones over the timeout)");
            }
            return new PeerFigure(label, cases, Math.Min(done, cases), clock.Elapsed, cpu, errors);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Every instance complete with five approvals recorded: a flow that skipped a step is an error, not a figure.</summary>
    private static async Task CheckDeliveredAsync(IWorkflowHost host, string[] ids, List<string> errors)
    {
        foreach (var id in ids)
        {
            var instance = await host.PersistenceStore.GetWorkflowInstance(id);
            if (instance.Status != WorkflowStatus.Complete || instance.Data is not PeerCaseData { Delivered: true })
            {
                errors.Add($"instance {id} ended {instance.Status}, delivered: {(instance.Data as PeerCaseData)?.Delivered}");
            }
        }
    }
}
