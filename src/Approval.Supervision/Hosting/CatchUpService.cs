using Approval.Supervision.Outbox;
using Approval.Supervision.Timers;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Hosting;

/// <summary>
/// As the service starts: registers the recurring Hangfire jobs (the safety net and the outbox
/// dispatch), then runs one safety net and one dispatch at once, whatever Hangfire remembers. A
/// deadline that passed while the service was down gets its card and alert straight away, once, and
/// the timers of the horizon exist again (rebuilt from our rows on in-memory storage).
/// </summary>
/// <remarks>Runs after <c>InitializeApprovalAsync</c> has migrated the database, as every hosted service does.</remarks>
public sealed class CatchUpService(
    SafetyNetJob safetyNet,
    OutboxDispatcher dispatcher,
    IRecurringJobManager recurring,
    IOptions<SupervisionOptions> options,
    ILogger<CatchUpService> logger) : BackgroundService
{
    /// <summary>Completes when the catch-up has run (tests and health checks wait on it).</summary>
    public Task Completed => _completed.Task;

    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var settings = options.Value;
            // Wall-clock cron in UTC: Hangfire paces it; what is due is asked of the business clock inside.
            var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
            recurring.AddOrUpdate<SafetyNetJob>(SafetyNetJob.RecurringId, j => j.RunAsync(CancellationToken.None), IntervalCron.For(settings.SafetyNetInterval)!, utc);
            recurring.AddOrUpdate<OutboxDispatchJob>(OutboxDispatchJob.RecurringId, j => j.RunAsync(CancellationToken.None), IntervalCron.For(settings.DispatchInterval)!, utc);

            var result = await safetyNet.RunAsync(stoppingToken);
            var delivered = await dispatcher.DispatchDueAsync(stoppingToken);
            logger.LogInformation("Start-up catch-up: {Issued} deadline(s) issued, {Timers} timer(s) scheduled, {Delivered} alert(s) delivered.", result.Swept.Issued, result.TimersScheduled, delivered);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The recurring safety net retries within one interval; a failed catch-up must not stop the service.
            logger.LogError(ex, "Start-up catch-up failed; the safety net will retry.");
        }
        finally
        {
            _completed.TrySetResult();
        }
    }
}
