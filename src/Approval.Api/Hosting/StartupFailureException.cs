using Microsoft.Extensions.Options;

namespace Approval.Api.Hosting;

/// <summary>
/// A start-up step that failed for a reason an operator fixes in configuration; its message
/// names the setting (e.g. <c>Database:ConnectionString</c>).
/// </summary>
public sealed class StartupFailureException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// The one line printed for <paramref name="exception"/>: every options failure joined, or the
    /// message's first line (no stack trace: the setting, not the code, is what is wrong).
    /// </summary>
    public static string Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = exception switch
        {
            OptionsValidationException options => string.Join(" ", options.Failures),
            AggregateException { InnerExceptions.Count: 1 } aggregate => Describe(aggregate.InnerExceptions[0]),
            _ => exception.Message,
        };
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.Length == 0 ? exception.GetType().Name : line;
    }
}
