using System.Diagnostics;
using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Cases;

namespace Approval.Persistence.Telemetry;

/// <summary>Wraps one case command in its span and records its outcome, and the cards it issued, on <see cref="ApprovalMetrics"/>.</summary>
internal static class CommandTelemetry
{
    public static async Task<CommandOutcome> RunAsync(ApprovalMetrics? metrics, Guid caseId, CaseCommand command, Func<Task<CommandOutcome>> run)
    {
        var name = command.GetType().Name;
        // Checked first so that, with no tracer subscribed, a command does not build a span name it never uses.
        using var activity = ApprovalActivities.Source.HasListeners() ? ApprovalActivities.Source.StartActivity("case " + name) : null;
        activity?.SetTag("approval.case_id", caseId);
        activity?.SetTag("approval.command", name);
        CommandOutcome outcome;
        try
        {
            outcome = await run();
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.GetType().Name);
            metrics?.CommandRan(name, "failed");
            throw;
        }

        var result = outcome.IsAccepted ? "accepted" : "refused";
        activity?.SetTag("approval.outcome", result);
        if (outcome.Refusal is { } refusal)
        {
            activity?.SetTag("approval.refusal", refusal.Code);
        }

        if (metrics is not null)
        {
            metrics.CommandRan(name, result);
            foreach (var e in outcome.Events)
            {
                if (e is CardIssued card)
                {
                    metrics.CardIssued(card.Level, card.At - card.CardAt);
                }
            }
        }

        return outcome;
    }
}
