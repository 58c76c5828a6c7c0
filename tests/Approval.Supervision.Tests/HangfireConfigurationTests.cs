using Approval.Persistence;
using Approval.Supervision.Hosting;
using Approval.Supervision.Timers;
using Hangfire.InMemory;
using Microsoft.Extensions.Options;

namespace Approval.Supervision.Tests;

/// <summary>Which Hangfire storage each provider gets, with which settings, and which settings are refused (SQL Server cannot run here: its configuration is what is tested).</summary>
public class HangfireConfigurationTests
{
    private static readonly HangfireSettings Settings = new() { QueuePollInterval = TimeSpan.FromMilliseconds(300), SchemaName = "timers", JobRetention = TimeSpan.FromHours(5) };

    [Test]
    public void Sqlite_runs_Hangfire_in_memory_with_the_retention_as_its_cap()
    {
        var storage = HangfireStorageFactory.Create(DatabaseProvider.Sqlite, "Data Source=ignored.db", Settings);
        Assert.Multiple(() =>
        {
            Assert.That(storage, Is.InstanceOf<InMemoryStorage>());
            Assert.That(storage.JobExpirationTimeout, Is.EqualTo(TimeSpan.FromHours(5)));
            Assert.That(HangfireStorageFactory.InMemoryOptions(Settings).MaxExpirationTime, Is.EqualTo(TimeSpan.FromHours(5)));
        });
    }

    [Test]
    public void PostgreSql_uses_its_own_schema_sliding_invisibility_and_long_polling_with_the_slow_fallback_poll()
    {
        var options = HangfireStorageFactory.PostgreSqlOptions(Settings);
        Assert.Multiple(() =>
        {
            Assert.That(options.SchemaName, Is.EqualTo("timers"));
            Assert.That(options.UseSlidingInvisibilityTimeout, Is.True);
            Assert.That(options.EnableLongPolling, Is.True);
            Assert.That(options.QueuePollInterval, Is.EqualTo(TimeSpan.FromSeconds(5)));
            Assert.That(options.PrepareSchemaIfNecessary, Is.True);
        });
    }

    [Test]
    public void PostgreSql_without_long_polling_polls_at_the_queue_polling_setting()
    {
        var options = HangfireStorageFactory.PostgreSqlOptions(new HangfireSettings { QueuePollInterval = TimeSpan.FromMilliseconds(300), LongPolling = false });
        Assert.Multiple(() =>
        {
            Assert.That(options.EnableLongPolling, Is.False);
            Assert.That(options.QueuePollInterval, Is.EqualTo(TimeSpan.FromMilliseconds(300)));
        });
    }

    [Test]
    public void SqlServer_uses_its_own_schema_sliding_invisibility_and_the_queue_polling_setting()
    {
        var options = HangfireStorageFactory.SqlServerOptions(Settings);
        Assert.Multiple(() =>
        {
            Assert.That(options.SchemaName, Is.EqualTo("timers"));
            Assert.That(options.SlidingInvisibilityTimeout, Is.EqualTo(TimeSpan.FromMinutes(5)));
            Assert.That(options.QueuePollInterval, Is.EqualTo(TimeSpan.FromMilliseconds(300)));
            Assert.That(options.PrepareSchemaIfNecessary, Is.True);
        });
    }

    [Test]
    public void An_unknown_provider_is_refused_by_name()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HangfireStorageFactory.Create("Oracle", "x", Settings));
        Assert.That(error!.Message, Does.Contain("Database:Provider 'Oracle'"));
    }

    [TestCase("00:00:01", "* * * * * *")]
    [TestCase("00:00:05", "*/5 * * * * *")]
    [TestCase("00:01:00", "* * * * *")]
    [TestCase("00:15:00", "*/15 * * * *")]
    [TestCase("01:00:00", "0 * * * *")]
    [TestCase("00:00:07", null)]
    [TestCase("00:00:00.5", null)]
    [TestCase("00:07:00", null)]
    [TestCase("02:00:00", null)]
    public void Intervals_become_cron_only_when_cron_can_say_them_exactly(string interval, string? cron) =>
        Assert.That(IntervalCron.For(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture)), Is.EqualTo(cron));

    [Test]
    public void Settings_that_would_break_the_timers_are_refused_with_their_keys()
    {
        var options = new SupervisionOptions
        {
            TimerHorizon = TimeSpan.FromSeconds(30),
            SafetyNetInterval = TimeSpan.FromSeconds(7),
            WebhookTimeout = TimeSpan.FromSeconds(10),
            DeliveryLease = TimeSpan.FromSeconds(10),
            Hangfire = new HangfireSettings { SchedulePollingInterval = TimeSpan.Zero, LongPollingFallbackInterval = TimeSpan.FromMinutes(2), WorkerCount = 0, SchemaName = "a;drop", DistributedLockTimeout = TimeSpan.FromSeconds(1) },
        };
        var result = new SupervisionOptionsValidator().Validate(null, options);
        Assert.Multiple(() =>
        {
            Assert.That(result.Failed, Is.True);
            Assert.That(result.FailureMessage, Does.Contain("Supervision:TimerHorizon"));
            Assert.That(result.FailureMessage, Does.Contain("Supervision:SafetyNetInterval"));
            Assert.That(result.FailureMessage, Does.Contain("Supervision:Hangfire:SchedulePollingInterval"));
            Assert.That(result.FailureMessage, Does.Contain("Supervision:Hangfire:LongPollingFallbackInterval"));
            Assert.That(result.FailureMessage, Does.Contain("Supervision:Hangfire:WorkerCount"));
            Assert.That(result.FailureMessage, Does.Contain("Supervision:Hangfire:SchemaName"));
            Assert.That(result.FailureMessage, Does.Contain("Supervision:DeliveryLease"), "a claim that could expire mid-attempt");
            Assert.That(result.FailureMessage, Does.Contain("Supervision:Hangfire:DistributedLockTimeout"));
            Assert.That(new SupervisionOptionsValidator().Validate(null, new SupervisionOptions()), Is.EqualTo(ValidateOptionsResult.Success), "the defaults are valid");
        });
    }
}
