using System.Threading.Channels;
using Approval.Supervision.Outbox;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Approval.Supervision.Timers;

/// <summary>
/// Creates the Hangfire jobs that commits asked for, off the command's path: timers within the
/// horizon, and one immediate delivery for any number of commits that recorded alerts meanwhile.
/// </summary>
/// <remarks>
/// In memory only: what is lost in a crash is found again by the safety net (a due deadline is
/// issued, a pending alert is delivered by the recurring dispatch). Thread safe.
/// </remarks>
public sealed class TimerPump(DeadlineTimers timers, IBackgroundJobClient jobs, ILogger<TimerPump> logger) : BackgroundService
{
    private readonly Channel<DeadlineTimer?> _work = Channel.CreateUnbounded<DeadlineTimer?>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Timers scheduled by this pump since start (the bench reads it).</summary>
    public long Scheduled => Interlocked.Read(ref _scheduled);

    private long _scheduled;

    public void Post(DeadlineTimer timer) => _work.Writer.TryWrite(timer);

    /// <summary>Asks for one outbox delivery as soon as possible.</summary>
    public void PostDelivery() => _work.Writer.TryWrite(null);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _work.Reader;
        while (await reader.WaitToReadAsync(stoppingToken))
        {
            var deliver = false;
            var timersNow = new List<DeadlineTimer>();
            while (reader.TryRead(out var item))
            {
                if (item is null)
                {
                    deliver = true;
                }
                else
                {
                    timersNow.Add(item);
                }
            }

            // Timers posted together are scheduled together, so a crowd sharing an instant gets one job.
            try
            {
                Interlocked.Add(ref _scheduled, timers.ScheduleNear(timersNow));
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not schedule {Count} timer(s); the safety net will find them.", timersNow.Count);
            }

            if (deliver)
            {
                try
                {
                    jobs.Enqueue<OutboxDispatchJob>(j => j.RunAsync(CancellationToken.None));
                }
                catch (Exception ex)
                {
                    logger.LogError(ex, "Could not enqueue an alert delivery; the recurring dispatch will send it.");
                }
            }
        }
    }
}
