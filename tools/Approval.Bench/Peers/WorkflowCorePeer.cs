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
    /// <param name="pollInterval">WorkflowCore's poll for runnable instances and stashed events; its default (10 s) when null.</param>
    public static async Task<PeerFigure> RunAsync<TFlow>(string label, int cases, int warmupCases, TimeSpan timeout, bool publishApprovals, TimeSpan? pollInterval = null)
        where TFlow : IWorkflow<PeerCaseData>, new()
    {
        // A separate host for the warm-up: the in-memory provider scans its lists on every lookup, so
        // warm-up instances left in the measured host would slow it; the JIT's work carries over.
        if (warmupCases > 0)
        {
            await RunOnceAsync<TFlow>(label, warmupCases, timeout, publishApprovals, pollInterval);
        }

        return await RunOnceAsync<TFlow>(label, cases, timeout, publishApprovals, pollInterval);
    }

    private static async Task<PeerFigure> RunOnceAsync<TFlow>(string label, int cases, TimeSpan timeout, bool publishApprovals, TimeSpan? pollInterval)
        where TFlow : IWorkflow<PeerCaseData>, new()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow(options =>
        {
            if (pollInterval is { } interval)
            {
                options.UsePollInterval(interval);
            }
        });
        await using var provider = services.BuildServiceProvider();
        var host = provider.GetRequiredService<IWorkflowHost>();
        host.RegisterWorkflow<TFlow, PeerCaseData>();
        var flowId = new TFlow().Id;

        var completed = 0;
        var clock = new Stopwatch();
        // When each instance completed: a tail that waits for the poll shows as a gap between the median and the last.
        var completedAt = new TimeSpan[cases];
        var errors = new List<string>();
        var allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        host.OnLifeCycleEvent += e =>
        {
            if (e is not WorkflowCompleted)
            {
                return;
            }

            var n = Interlocked.Increment(ref completed);
            if (n <= cases)
            {
                completedAt[n - 1] = clock.Elapsed;
            }

            if (n == cases)
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
            clock.Start();
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
            var reached = Math.Min(done, cases);
            return new PeerFigure(label, cases, reached, clock.Elapsed, cpu, errors)
            {
                Detail = reached == 0 ? null : $"half complete at {completedAt[(reached - 1) / 2].TotalSeconds:N1} s, all at {completedAt[reached - 1].TotalSeconds:N1} s",
            };
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
