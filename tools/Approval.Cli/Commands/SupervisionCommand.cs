using System.CommandLine;
using System.Data.Common;
using Approval.Calendar;
using Approval.Cli.Analysis;
using Approval.Definitions.Departments;
using Approval.Definitions.Loading;
using Approval.Definitions.Model;
using Approval.Persistence;
using Approval.Persistence.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval supervision rebuild [--check]</c>: recomputes the one screen's counters
/// (supervision_daily, supervision_totals, supervision_standing) from the case events, the audit trail, and replaces
/// the stored ones — or, with <c>--check</c>, only says where they disagree.
/// </summary>
/// <remarks>Exit codes: 0 rebuilt (or they agree), 1 they disagree (<c>--check</c>), 2 bad arguments or an unreadable database.</remarks>
internal static class SupervisionCommand
{
    private const int Ok = 0, Disagree = 1, UsageError = 2;

    public static Command Create()
    {
        var command = new Command("supervision", "Electronic supervision (电子监察) tools for operators: the one screen's counters.");
        command.Subcommands.Add(CreateRebuild());
        command.Subcommands.Add(CreateDemo());
        return command;
    }

    private static Command CreateRebuild()
    {
        var provider = new Option<string>("--provider", "--database") { Description = "sqlite, postgresql or sqlserver.", DefaultValueFactory = _ => "sqlite", HelpName = "PROVIDER" };
        var connection = new Option<string>("--connection") { Description = "Connection string of the service's database.", DefaultValueFactory = _ => "Data Source=data/approval.db", HelpName = "CONNECTION" };
        var workflows = new Option<string?>("--workflows") { Description = "The workflows folder (departments.json, calendars/); default: found by walking up.", HelpName = "DIR" };
        var zone = new Option<string>("--zone") { Description = "Calendar:TimeZone of the service: the zone whose local days the counters count.", DefaultValueFactory = _ => "Asia/Shanghai", HelpName = "ZONE" };
        var check = new Option<bool>("--check") { Description = "Only compare the stored counters with the events; change nothing." };
        var command = new Command("rebuild", "Recompute the supervision counters from the case events and replace the stored ones (or --check where they disagree).");
        command.Options.Add(provider);
        command.Options.Add(connection);
        command.Options.Add(workflows);
        command.Options.Add(zone);
        command.Options.Add(check);

        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var folder = parse.GetValue(workflows) ?? DefinitionSource.FindWorkflowsDirectory(Directory.GetCurrentDirectory());
            if (folder is null || !File.Exists(Path.Combine(folder, DefinitionLoader.DepartmentsFile)))
            {
                error.WriteLine("error: no workflows folder with departments.json found; pass --workflows DIR.");
                return UsageError;
            }

            if (ExistingDatabase.Open("--provider", parse.GetValue(provider)!, parse.GetValue(connection)!, error) is not { } factory)
            {
                return UsageError;
            }

            try
            {
                var calendar = new WorkingCalendar(CalendarLoader.LoadDirectory(Path.Combine(folder, "calendars")), new CalendarOptions { TimeZone = parse.GetValue(zone)! });
                var definitions = await StoredDefinitionsAsync(factory, DepartmentRegistry.Load(Path.Combine(folder, DefinitionLoader.DepartmentsFile)), cancellation).ConfigureAwait(false);
                var rebuilder = new CounterRebuilder(factory, calendar, (id, version) => definitions.GetValueOrDefault((id, version)));
                if (parse.GetValue(check))
                {
                    var differences = await rebuilder.CompareAsync(cancellation).ConfigureAwait(false);
                    foreach (var difference in differences)
                    {
                        output.WriteLine(difference);
                    }

                    output.WriteLine(differences.Count == 0 ? "The counters agree with the events." : $"{differences.Count} counter(s) disagree with the events; run without --check to rebuild.");
                    return differences.Count == 0 ? Ok : Disagree;
                }

                var counters = (await rebuilder.RebuildAsync(cancellation).ConfigureAwait(false)).NonZero.Count();
                output.WriteLine($"Rebuilt {counters} counter(s) from the events.");
                return Ok;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or CalendarDataException or ArgumentException)
            {
                error.WriteLine($"error: {ex.Message}");
                return UsageError;
            }
            finally
            {
                SqliteConnection.ClearAllPools();
            }
        });
        return command;
    }

    private static Command CreateDemo()
    {
        var provider = new Option<string>("--provider", "--database") { Description = "sqlite, postgresql or sqlserver.", DefaultValueFactory = _ => "sqlite", HelpName = "PROVIDER" };
        var connection = new Option<string>("--connection") { Description = "Connection string of the service's database (the service must have started on it once).", DefaultValueFactory = _ => "Data Source=data/approval.db", HelpName = "CONNECTION" };
        var workflows = new Option<string?>("--workflows") { Description = "The workflows folder (departments.json, calendars/); default: found by walking up.", HelpName = "DIR" };
        var zone = new Option<string>("--zone") { Description = "Calendar:TimeZone of the service.", DefaultValueFactory = _ => "Asia/Shanghai", HelpName = "ZONE" };
        var cases = new Option<int>("--cases") { Description = "How many demo cases to write.", DefaultValueFactory = _ => 40 };
        var command = new Command("demo", "Write demo cases of 开餐馆 over the last 20 days (most finished and rated, some open and past due) for the one screen at /dashboard.");
        command.Options.Add(provider);
        command.Options.Add(connection);
        command.Options.Add(workflows);
        command.Options.Add(zone);
        command.Options.Add(cases);
        command.SetAction(async (parse, cancellation) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var folder = parse.GetValue(workflows) ?? DefinitionSource.FindWorkflowsDirectory(Directory.GetCurrentDirectory());
            if (folder is null || !File.Exists(Path.Combine(folder, DefinitionLoader.DepartmentsFile)))
            {
                error.WriteLine("error: no workflows folder with departments.json found; pass --workflows DIR.");
                return UsageError;
            }

            if (parse.GetValue(cases) is < 1 or > 100_000)
            {
                error.WriteLine("error: --cases must be between 1 and 100000.");
                return UsageError;
            }

            if (ExistingDatabase.Open("--provider", parse.GetValue(provider)!, parse.GetValue(connection)!, error) is not { } factory)
            {
                return UsageError;
            }

            try
            {
                var calendar = new WorkingCalendar(CalendarLoader.LoadDirectory(Path.Combine(folder, "calendars")), new CalendarOptions { TimeZone = parse.GetValue(zone)! });
                var database = new DatabaseOptions { Provider = ExistingDatabase.ProviderOf(parse.GetValue(provider)!)!, ConnectionString = parse.GetValue(connection)! };
                await SupervisionDemo.RunAsync(factory, database, calendar, DepartmentRegistry.Load(Path.Combine(folder, DefinitionLoader.DepartmentsFile)),
                    parse.GetValue(cases), parse.InvocationConfiguration.Output, cancellation).ConfigureAwait(false);
                parse.InvocationConfiguration.Output.WriteLine("Start (or restart) the service, sign in at /signin as a supervisor and open /dashboard.");
                return Ok;
            }
            catch (Exception ex) when (ex is DbException or InvalidOperationException or CalendarDataException or ArgumentException)
            {
                error.WriteLine($"error: {ex.Message}");
                return UsageError;
            }
            finally
            {
                SqliteConnection.ClearAllPools();
            }
        });
        return command;
    }

    private static async Task<Dictionary<(string, int), WorkflowDefinition>> StoredDefinitionsAsync(IDbContextFactory<ApprovalDbContext> factory, DepartmentRegistry departments, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.WorkflowVersions.AsNoTracking().Select(w => new { w.WorkflowId, w.Version, w.Definition }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var definitions = new Dictionary<(string, int), WorkflowDefinition>();
        foreach (var row in rows)
        {
            if (DefinitionLoader.Load(row.Definition, "stored version", departments).Definition is { } definition)
            {
                definitions[(row.WorkflowId, row.Version)] = definition;
            }
        }

        return definitions;
    }
}
