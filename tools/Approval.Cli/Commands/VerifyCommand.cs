using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using Approval.Persistence;
using Approval.Persistence.Verification;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval verify [--provider sqlite|postgresql] [--connection …] [--alert-age 1.00:00:00] [--in-flight-timeout 00:05:00]</c>:
/// checks a service database against the engine's invariants (<see cref="DatabaseVerifier"/>) and
/// prints each with pass/fail and counts. Read-only.
/// </summary>
/// <remarks>
/// Exit codes: 0 every invariant holds, 1 at least one is violated, 2 bad arguments or a database
/// that cannot be read — never 1, so a script can tell "broken" from "could not look".
/// </remarks>
internal static class VerifyCommand
{
    private const int AllHold = 0, Violated = 1, UsageError = 2;

    public static Command Create()
    {
        var provider = new Option<string>("--provider", "--database") { Description = "sqlite, postgresql or sqlserver.", DefaultValueFactory = _ => "sqlite", HelpName = "PROVIDER" };
        var connection = new Option<string>("--connection") { Description = "Connection string of the service's database.", DefaultValueFactory = _ => "Data Source=data/approval.db", HelpName = "CONNECTION" };
        var alertAge = new Option<string>("--alert-age") { Description = "Supervision:Retry:MaxAge of the service: an alert pending longer is stuck.", DefaultValueFactory = _ => "1.00:00:00", HelpName = "D.HH:MM:SS" };
        var inFlight = new Option<string>("--in-flight-timeout") { Description = "Idempotency:InFlightTimeout of the service: a reservation in flight longer is orphaned.", DefaultValueFactory = _ => "00:05:00", HelpName = "HH:MM:SS" };
        var command = new Command("verify", "Check the database's invariants: open tasks in open cases, one join per parallel step, hash chains, no card twice, alerts delivered, no orphaned idempotency reservation.");
        command.Options.Add(provider);
        command.Options.Add(connection);
        command.Options.Add(alertAge);
        command.Options.Add(inFlight);

        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (Duration("--alert-age", parse.GetValue(alertAge)!, error) is not { } age
                || Duration("--in-flight-timeout", parse.GetValue(inFlight)!, error) is not { } timeout
                || ExistingDatabase.Open("--provider", parse.GetValue(provider)!, parse.GetValue(connection)!, error) is not { } factory)
            {
                return UsageError;
            }

            try
            {
                var verifier = new DatabaseVerifier(factory, TimeProvider.System, new VerificationOptions { AlertAge = age, InFlightTimeout = timeout });
                var results = await verifier.VerifyAsync(cancellation).ConfigureAwait(false);
                foreach (var r in results)
                {
                    output.WriteLine($"{(r.Passed ? "PASS" : "FAIL")} {r.Name}: {r.Checked} checked, {r.Violations} violation(s). {r.Description}");
                    foreach (var example in r.Examples)
                    {
                        output.WriteLine($"     - {example}");
                    }
                }

                var failed = results.Count(r => !r.Passed);
                output.WriteLine(failed == 0 ? $"All {results.Count} invariants hold." : $"{failed} of {results.Count} invariants violated.");
                return failed == 0 ? AllHold : Violated;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException)
            {
                error.WriteLine($"error: cannot read the database: {ex.Message}");
                return UsageError;
            }
            finally
            {
                SqliteConnection.ClearAllPools();
            }
        });
        return command;
    }

    private static TimeSpan? Duration(string option, string text, TextWriter error)
    {
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        error.WriteLine($"error: {option} '{text}' is not a positive duration; write HH:MM:SS, e.g. 00:05:00.");
        return null;
    }

}
