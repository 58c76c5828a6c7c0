using Hangfire.Logging;

namespace Approval.Supervision.Tests.Infrastructure;

/// <summary>
/// Hangfire's log provider is process-wide and points at the last host's logger factory; a test that
/// builds Hangfire parts without a host of its own sets this one, so it never logs into a host
/// another test disposed.
/// </summary>
internal sealed class QuietHangfireLog : ILogProvider, ILog
{
    public ILog GetLogger(string name) => this;

    public bool Log(LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
}
