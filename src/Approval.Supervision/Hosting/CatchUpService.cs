using Approval.Supervision.Outbox;
using Approval.Supervision.Sweep;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Approval.Supervision.Hosting;

/// <summary>
/// One sweep and one dispatch as the service starts, whatever Quartz decides about the firings it
/// missed while the service was down (misfire policy): a deadline that passed during the outage gets
/// its card and alert straight away, once.
/// </summary>
/// <remarks>Runs after <c>InitializeApprovalAsync</c> has migrated the database, as every hosted service does.</remarks>
public sealed class CatchUpService(DeadlineSweeper sweeper, OutboxDispatcher dispatcher, ILogger<CatchUpService> logger) : BackgroundService
{
    /// <summary>Completes when the catch-up has run (tests and health checks wait on it).</summary>
    public Task Completed => _completed.Task;

    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var result = await sweeper.SweepAsync(stoppingToken);
            var delivered = await dispatcher.DispatchDueAsync(stoppingToken);
            logger.LogInformation("Start-up catch-up: {Issued} deadline(s) issued, {Delivered} alert(s) delivered.", result.Issued, delivered);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The scheduled sweep retries within one interval; a failed catch-up must not stop the service.
            logger.LogError(ex, "Start-up catch-up failed; the scheduled sweep will retry.");
        }
        finally
        {
            _completed.TrySetResult();
        }
    }
}
