namespace Approval.Supervision.Timers;

/// <summary>
/// Turns an interval setting into the cron expression a Hangfire recurring job needs. Only
/// intervals cron can say exactly are accepted: whole seconds dividing a minute (six-part cron,
/// which Hangfire supports) or whole minutes dividing an hour.
/// </summary>
public static class IntervalCron
{
    /// <summary>The cron expression for <paramref name="interval"/>, or null when cron cannot express it.</summary>
    public static string? For(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero || interval.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            return null;
        }

        var seconds = (int)interval.TotalSeconds;
        if (seconds < 60)
        {
            return 60 % seconds == 0 ? (seconds == 1 ? "* * * * * *" : $"*/{seconds} * * * * *") : null;
        }

        if (seconds % 60 != 0 || seconds > 3600)
        {
            return null;
        }

        var minutes = seconds / 60;
        return 60 % minutes != 0 ? null : minutes switch
        {
            1 => "* * * * *",
            60 => "0 * * * *",
            _ => $"*/{minutes} * * * *",
        };
    }
}
