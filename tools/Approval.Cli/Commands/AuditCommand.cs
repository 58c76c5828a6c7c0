using System.CommandLine;
using System.Data.Common;
using Approval.Persistence;
using Approval.Persistence.Audit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval audit verify [--case ID] [--database sqlite|postgresql|sqlserver] [--connection …]</c>:
/// recomputes the hash chain of one case or of every case straight from the database and names
/// each broken case with the first event that fails (全程留痕). Read-only.
/// </summary>
/// <remarks>
/// Exit codes: 0 every verified case is intact, 1 at least one is tampered, 2 bad arguments or a
/// database that cannot be read — never 1, so a script can tell "tampered" from "could not look".
/// </remarks>
internal static class AuditCommand
{
    private const int Intact = 0, Tampered = 1, UsageError = 2;

    public static Command Create()
    {
        var command = new Command("audit", "The audit trail (全程留痕): verify that stored case histories were not rewritten.");
        command.Subcommands.Add(CreateVerify());
        return command;
    }

    private static Command CreateVerify()
    {
        var caseOption = new Option<string?>("--case") { Description = "Verify this case only (its id); default: every case.", HelpName = "ID" };
        var database = new Option<string>("--database") { Description = "sqlite, postgresql or sqlserver.", DefaultValueFactory = _ => "sqlite", HelpName = "PROVIDER" };
        var connection = new Option<string>("--connection") { Description = "Connection string of the service's database.", DefaultValueFactory = _ => "Data Source=data/approval.db", HelpName = "CONNECTION" };
        var command = new Command("verify", "Recompute every event's hash from the stored rows; report each case whose history is broken and the first event that fails.");
        command.Options.Add(caseOption);
        command.Options.Add(database);
        command.Options.Add(connection);

        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            Guid? caseId = null;
            if (parse.GetValue(caseOption) is { } text)
            {
                if (!Guid.TryParse(text, out var id))
                {
                    error.WriteLine($"error: --case '{text}' is not a case id (a GUID).");
                    return UsageError;
                }

                caseId = id;
            }

            if (ExistingDatabase.Open("--database", parse.GetValue(database)!, parse.GetValue(connection)!, error) is not { } factory)
            {
                return UsageError;
            }

            try
            {
                var verifier = new AuditVerifier(factory);
                return caseId is { } one
                    ? await VerifyOneAsync(verifier, one, output, error, cancellation).ConfigureAwait(false)
                    : await VerifyAllAsync(verifier, output, cancellation).ConfigureAwait(false);
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


    private static async Task<int> VerifyOneAsync(AuditVerifier verifier, Guid caseId, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        if (await verifier.VerifyAsync(caseId, cancellation).ConfigureAwait(false) is not { } audit)
        {
            error.WriteLine($"error: there is no case {caseId} in this database.");
            return UsageError;
        }

        if (audit.Valid)
        {
            output.WriteLine($"Case {audit.CaseId}: {audit.Events} event(s), intact. Last hash: {audit.LastHash}");
            return Intact;
        }

        WriteBroken(output, audit);
        return Tampered;
    }

    private static async Task<int> VerifyAllAsync(AuditVerifier verifier, TextWriter output, CancellationToken cancellation)
    {
        var cases = 0;
        var events = 0;
        var broken = new List<CaseAudit>();
        await foreach (var audit in verifier.VerifyAllAsync(cancellation).ConfigureAwait(false))
        {
            cases++;
            events += audit.Events;
            if (!audit.Valid) broken.Add(audit);
        }

        output.WriteLine($"Verified {cases} case(s), {events} event(s): {cases - broken.Count} intact, {broken.Count} tampered.");
        foreach (var audit in broken)
        {
            WriteBroken(output, audit);
        }

        return broken.Count == 0 ? Intact : Tampered;
    }

    private static void WriteBroken(TextWriter output, CaseAudit audit)
    {
        var at = audit.FirstBrokenSequence is { } sequence ? $" at event {sequence}" : "";
        output.WriteLine($"TAMPERED case {audit.CaseId}{at} ({audit.Break!.Value.Code()}): {audit.Problem}");
    }
}
