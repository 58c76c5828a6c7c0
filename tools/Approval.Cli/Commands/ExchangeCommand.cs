using System.CommandLine;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Approval.Cli.Analysis;
using Approval.Definitions.Departments;
using Approval.Definitions.Loading;
using Approval.Persistence.Exchange;
using Approval.Persistence.Workflows;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval exchange export --from T --to T [-o FILE]</c>: the exchange records of a time window as
/// JSON Lines for a batch upload to the provincial platform, rebuilt from the audit trail — the same
/// records, ids included, that the outbox delivers (docs/exchange.md). Read-only.
/// </summary>
/// <remarks>Exit codes: 0 written, 1 some cases' versions could not be read (the rest is written), 2 bad arguments or an unreadable database.</remarks>
internal static class ExchangeCommand
{
    private const int Ok = 0, Partial = 1, UsageError = 2;

    public static Command Create()
    {
        var command = new Command("exchange", "The feed to the provincial government-service platform: batch files of exchange records.");
        command.Subcommands.Add(CreateExport());
        return command;
    }

    private static Command CreateExport()
    {
        var from = new Option<string>("--from") { Description = "First instant included, ISO 8601 (e.g. 2026-12-01 or 2026-12-01T00:00:00+08:00; a date is midnight in Asia/Shanghai).", Required = true, HelpName = "TIME" };
        var to = new Option<string>("--to") { Description = "First instant not included, same form.", Required = true, HelpName = "TIME" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the JSON Lines here instead of stdout.", HelpName = "FILE" };
        var database = new Option<string>("--database") { Description = "sqlite, postgresql or sqlserver.", DefaultValueFactory = _ => "sqlite", HelpName = "PROVIDER" };
        var connection = new Option<string>("--connection") { Description = "Connection string of the service's database.", DefaultValueFactory = _ => "Data Source=data/approval.db", HelpName = "CONNECTION" };
        var departments = DepartmentsOption.Create();
        var command = new Command("export", "Write the exchange records of [--from, --to) as JSON Lines, one record per line.");
        foreach (var option in new Option[] { from, to, output, database, connection, departments })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellation) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (Instant(parse.GetValue(from)!, "--from", error) is not { } start || Instant(parse.GetValue(to)!, "--to", error) is not { } end)
            {
                return UsageError;
            }

            if (end <= start)
            {
                error.WriteLine("error: --to must be after --from.");
                return UsageError;
            }

            if (ExistingDatabase.Open("--database", parse.GetValue(database)!, parse.GetValue(connection)!, error) is not { } factory)
            {
                return UsageError;
            }

            var registryFile = parse.GetValue(departments) ?? DefinitionSource.FindRegistry(Environment.CurrentDirectory);
            var registry = registryFile is null ? DepartmentRegistry.Empty : DepartmentRegistry.Load(registryFile);
            try
            {
                await using var db = await factory.CreateDbContextAsync(cancellation).ConfigureAwait(false);
                var versions = await db.WorkflowVersions.AsNoTracking().ToListAsync(cancellation).ConfigureAwait(false);
                var workflows = versions.ToDictionary(v => (v.WorkflowId, v.Version), v =>
                    DefinitionLoader.Load(v.Definition, "stored", registry).Definition is { } d
                        ? new PublishedWorkflow(v.WorkflowId, v.Version, v.Name, v.ContentHash, new DateTimeOffset(v.PublishedAt, TimeSpan.Zero), v.SourceFile, d)
                        : null);
                var skipped = new HashSet<Guid>();
                var records = await ExchangeExport.ReadAsync(db, start, end, (id, version) => workflows.GetValueOrDefault((id, version)), skipped, cancellation).ConfigureAwait(false);
                var lines = new StringBuilder();
                foreach (var record in records)
                {
                    lines.Append(record.ToJson()).Append('\n');
                }

                if (parse.GetValue(output) is { } file)
                {
                    await File.WriteAllTextAsync(file, lines.ToString(), new UTF8Encoding(false), cancellation).ConfigureAwait(false);
                    error.WriteLine($"wrote {records.Count} record(s) to {file}");
                }
                else
                {
                    await parse.InvocationConfiguration.Output.WriteAsync(lines.ToString()).ConfigureAwait(false);
                }

                foreach (var caseId in skipped)
                {
                    error.WriteLine($"error: case {caseId} is on a workflow version that does not validate against the department registry; its records are missing (pass --departments FILE).");
                }

                return skipped.Count == 0 ? Ok : Partial;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or IOException)
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

    private static DateTimeOffset? Instant(string text, string option, TextWriter error)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // A bare date is the service centre's day, as clerks and the platform count it.
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant;
        }

        error.WriteLine($"error: {option} '{text}' is not a date (2026-12-01) or an ISO 8601 instant.");
        return null;
    }
}
