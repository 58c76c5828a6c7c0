using System.Text.Json;
using Approval.Api.Apis;
using Approval.Calendar;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Workflows;

namespace Approval.Api.Views;

/// <summary>
/// A deadline as clients see it: the instant (UTC), the same instant as the service centre's local
/// time to the minute (what a clerk reads and a notice prints, e.g. <c>2026-12-07T17:00+08:00</c>),
/// and whether it rests on a year with no calendar data yet.
/// </summary>
public sealed record DeadlineView(DateTimeOffset At, bool Provisional)
{
    /// <summary>The service centre's zone; set once from the calendar the service is built with (Asia/Shanghai by default).</summary>
    internal static TimeZoneInfo Zone { get; set; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary><see cref="At"/> in the service centre's local time, to the minute, with its offset.</summary>
    public string Local => TimeZoneInfo.ConvertTime(At, Zone).ToString("yyyy-MM-dd'T'HH:mmzzz", System.Globalization.CultureInfo.InvariantCulture);

    public static DeadlineView? From(Deadline? deadline) => deadline is { } d ? new(d.At, d.Provisional) : null;
}

/// <summary>
/// A department task (待办). <c>supplementRoundsUsed</c> counts the 补正 rounds this task has used;
/// the definition's <c>supplementRounds</c> is how many it is allowed. <c>kind</c> is <c>approval</c>,
/// <c>consultation</c> (征求意见: <c>parentTaskId</c>, <c>question</c>, <c>opinion</c>), <c>verification</c>
/// (核查) or <c>rectification</c> (差评整改), also in inbox rows. <c>round</c> counts the step's runs: a send back (退回) opens the next.
/// <c>urgings</c> counts how often it was urged (催办); <c>document</c> is the result document (证照) of its approval.
/// </summary>
public sealed record TaskView(
    Guid Id,
    Guid CaseId,
    string StepId,
    string Name,
    string Department,
    string Status,
    string? ClaimedBy,
    DateTimeOffset OpenedAt,
    DateTimeOffset? ClosedAt,
    DeadlineView Due,
    string? Result,
    string? Reason,
    int DueVersion = 1,
    bool ClockStopped = false,
    IReadOnlyList<string>? Stops = null,
    IReadOnlyList<string>? Missing = null,
    int SupplementRoundsUsed = 0,
    string? Kind = null,
    int Round = 1,
    Guid? ParentTaskId = null,
    string? Question = null,
    string? Opinion = null,
    IReadOnlyList<Guid>? Consultations = null,
    int Urgings = 0,
    ResultDocument? Document = null)
{
    public static TaskView From(TaskState task, Guid caseId, PublishedWorkflow? workflow) => new(
        task.TaskId,
        caseId,
        task.StepId,
        workflow?.FindStep(task.StepId)?.Name ?? task.StepId,
        task.Department,
        Lower(task.Status.ToString()),
        task.ClaimedBy,
        task.OpenedAt,
        task.ClosedAt,
        new DeadlineView(task.Due.At, task.Due.Provisional),
        task.Result,
        task.Reason,
        task.DueVersion,
        task.IsClockStopped,
        [.. task.Stops.Select(s => Lower(s.ToString())).Order(StringComparer.Ordinal)],
        task.Missing,
        task.SupplementRounds,
        Lower(task.Kind.ToString()),
        task.Round,
        task.ParentTaskId,
        task.Question,
        task.Opinion,
        task.Consultations,
        task.Urgings,
        task.Document);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> KebabNames = new(StringComparer.Ordinal);

    /// <summary>An enum name as the API spells it (<c>AwaitingDelivery</c> → <c>awaiting-delivery</c>); a handful of names, converted once each.</summary>
    internal static string Lower(string name) => KebabNames.GetOrAdd(name, static n => JsonNamingPolicy.KebabCaseLower.ConvertName(n));
}

/// <summary>A case (办件) with its tasks and every result document (证照) its approvals recorded; the full history is at <c>/api/cases/{id}/events</c>.</summary>
public sealed record CaseView(
    Guid Id,
    string WorkflowId,
    int WorkflowVersion,
    string WorkflowName,
    string Status,
    int Version,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    DeadlineView? Due,
    bool ClockStopped,
    ApplicantRecord? Applicant,
    IReadOnlyDictionary<string, JsonElement> Data,
    IReadOnlyList<string> MaterialsProvided,
    IReadOnlyDictionary<string, DateOnly> MaterialsOutstanding,
    int Visits,
    RatingView? Rating,
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<CaseDocument>? Documents = null,
    IReadOnlyList<CommitmentView>? Commitments = null,
    IReadOnlyList<RevocationView>? Revocations = null,
    string? Credit = null)
{
    /// <summary>The case as <paramref name="scope"/> lets its reader see it (see <see cref="ReadAccess"/>).</summary>
    public static CaseView From(CaseState state, PublishedWorkflow? workflow, CaseReadScope scope) => new(
        state.CaseId,
        state.WorkflowId,
        state.WorkflowVersion,
        workflow?.Name ?? state.WorkflowId,
        TaskView.Lower(state.Status.ToString()),
        state.Version,
        state.StartedAt,
        state.EndedAt,
        DeadlineView.From(state.Due),
        state.IsClockStopped,
        ReadAccess.Applicant(state.Applicant, scope),
        state.Data,
        state.MaterialsProvided,
        state.OutstandingMaterials.ToDictionary(m => m.MaterialId, m => m.PromisedBy, StringComparer.Ordinal),
        state.Visits,
        state.Rating is { } r ? new RatingView(r.Score, r.Comment, r.At) : null,
        [.. state.Tasks.OrderBy(t => t.OpenedAt).ThenBy(t => t.StepId, StringComparer.Ordinal).Select(t => TaskView.From(t, state.CaseId, workflow))],
        state.Documents,
        FollowUpViews.Commitments(state),
        FollowUpViews.Revocations(state),
        state.Credit);
}

/// <summary>The applicant's rating of the service (好差评).</summary>
public sealed record RatingView(int Score, string? Comment, DateTimeOffset At);

/// <summary>One recorded event: who, when, what (全程留痕).</summary>
public sealed record EventView(int Sequence, string Type, DateTimeOffset At, ActorView Actor, string? Command, JsonElement Data, string Hash);

/// <summary>Who acted; <paramref name="OnBehalfOf"/> names the clerk they stood in for under a delegation (委托), null otherwise.</summary>
public sealed record ActorView(string UserId, string Name, IReadOnlyList<string> Roles, string? Department, string? OnBehalfOf = null);
