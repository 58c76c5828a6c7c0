using Approval.Engine.Cases.Commands;

namespace Approval.Api.Credit;

/// <summary>
/// Asks the dishonesty list about an intake's applicant, only when the intake uses something
/// credit decides (materials promised for later, commitments), and puts the answer in the command.
/// </summary>
public sealed class IntakeCredit(IDishonestyList list)
{
    public async Task<StartCase> ApplyAsync(StartCase command, CancellationToken cancellationToken)
    {
        var dependsOnCredit = command.Commitments.Count > 0 || (command.Materials ?? []).Any(m => !m.Provided && m.PromisedBy is not null);
        if (!dependsOnCredit || command.Applicant is not { Kind: { } kind, Id: { } id } || string.IsNullOrWhiteSpace(id))
        {
            return command;
        }

        return command with { Credit = await list.LookUpAsync(kind, id, cancellationToken) };
    }
}
