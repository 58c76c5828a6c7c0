using Approval.Engine.Cases.Delegations;

namespace Approval.Engine.Cases;

/// <summary>How much of a case a reader may see.</summary>
public enum CaseReadScope
{
    /// <summary>Nothing: the answer is a 403.</summary>
    None,

    /// <summary>The case, with the applicant's resident ID number and phone masked.</summary>
    Masked,

    /// <summary>Everything, identifiers in full.</summary>
    Full,
}

/// <summary>
/// Who may do what to a case, by role, department and claim — the one place the rule is written.
/// The API only authenticates and maps the clerk to an <see cref="Actor"/>; the decider asks here
/// before a command, the read endpoints before an answer (docs/architecture.md, "Authorisation").
/// </summary>
/// <remarks>
/// Reading (docs/api.md, "Who may read what"): supervisors (督办) and window clerks (综合窗口) read
/// every case in full; a department clerk reads a case in which their department has a task,
/// with the applicant's ID number and phone masked, and only their own department's tasks;
/// analysts and any other role read no case data. Acting: a department's tasks are worked by
/// its own department clerks (and the deadline engine); the window and supervisors have their
/// own commands, each checked by its rule.
/// </remarks>
public static class CaseAccess
{
    /// <summary>What <paramref name="actor"/> may see of <paramref name="state"/>.</summary>
    public static CaseReadScope ReadScope(Actor actor, CaseState state)
    {
        if (actor.HasRole(ClerkRoles.Supervisor) || actor.HasRole(ClerkRoles.WindowClerk))
        {
            return CaseReadScope.Full;
        }

        return actor.HasRole(ClerkRoles.DepartmentClerk) && actor.Department is { } department
            && state.Tasks.Any(t => string.Equals(t.Department, department, StringComparison.Ordinal))
            ? CaseReadScope.Masked
            : CaseReadScope.None;
    }

    /// <summary>
    /// The scope of the case a command answers with: a clerk who may act but not read in full (a
    /// department whose task just closed) still sees the case, masked.
    /// </summary>
    public static CaseReadScope AfterCommand(Actor actor, CaseState state) =>
        ReadScope(actor, state) is var scope and not CaseReadScope.None ? scope : CaseReadScope.Masked;

    /// <summary>Whether <paramref name="actor"/> may read a task of <paramref name="department"/>.</summary>
    public static bool MayReadTask(Actor actor, string department) =>
        actor.HasRole(ClerkRoles.Supervisor)
        || actor.HasRole(ClerkRoles.WindowClerk)
        || (actor.HasRole(ClerkRoles.DepartmentClerk) && string.Equals(actor.Department, department, StringComparison.Ordinal));

    /// <summary>
    /// Whether <paramref name="actor"/> belongs to <paramref name="department"/>'s side: its own
    /// clerks, a supervisor of no department, or the deadline engine.
    /// </summary>
    public static bool ActsFor(Actor actor, string department) =>
        string.Equals(actor.Department, department, StringComparison.Ordinal)
        || (actor.Department is null && actor.HasRole(ClerkRoles.Supervisor))
        || actor.IsSystem;

    /// <summary>Whether <paramref name="actor"/> may read <paramref name="department"/>'s inbox: its own side, or any supervisor.</summary>
    public static bool MayReadInbox(Actor actor, string department) => ActsFor(actor, department) || actor.HasRole(ClerkRoles.Supervisor);

    /// <summary>The cards <paramref name="actor"/> may list: every department's (null) for a supervisor, else their own; false when none.</summary>
    public static bool MayReadCards(Actor actor, string? department, out string? scope)
    {
        scope = department;
        if (actor.HasRole(ClerkRoles.Supervisor))
        {
            return true;
        }

        scope = actor.Department;
        return actor.Department is not null && (department is null || department == actor.Department);
    }

    /// <summary>Whether <paramref name="actor"/> may work on <paramref name="task"/> (claim, decide, return, suspend): a clerk of its department, or the deadline engine.</summary>
    public static bool MayWorkOn(Actor actor, TaskState task) =>
        actor.IsSystem || (actor.HasRole(ClerkRoles.DepartmentClerk) && actor.Department == task.Department);

    /// <summary>Whether <paramref name="actor"/> may record a supplement for <paramref name="task"/>: the window, or a clerk of its department.</summary>
    public static bool MayReceiveSupplement(Actor actor, TaskState task) =>
        actor.HasRole(ClerkRoles.WindowClerk) || (actor.HasRole(ClerkRoles.DepartmentClerk) && actor.Department == task.Department);

    /// <summary>
    /// The delegation under which <paramref name="actor"/> may work <paramref name="task"/>, claimed by
    /// another clerk, at <paramref name="now"/>: one naming the actor as delegate and the task's
    /// claimant as delegator, of the task's department (the actor's own too), and not ended —
    /// so a delegation ends by itself when its period does. Null when none applies.
    /// </summary>
    public static Delegation? DelegationFor(Actor actor, TaskState task, DateTimeOffset now) =>
        task.ClaimedBy is not { } claimant || !actor.HasRole(ClerkRoles.DepartmentClerk) ? null
            : actor.Delegations.FirstOrDefault(d =>
                string.Equals(d.DelegatorId, claimant, StringComparison.Ordinal)
                && string.Equals(d.DelegateId, actor.UserId, StringComparison.Ordinal)
                && string.Equals(d.Department, task.Department, StringComparison.Ordinal)
                && string.Equals(actor.Department, d.Department, StringComparison.Ordinal)
                && d.IsActiveAt(now));

    /// <summary>Whether <paramref name="actor"/> may accept a case (受理): a window clerk. The decider asks it at intake; the API asks it before reading the body, so the 403 comes first.</summary>
    public static bool MayStartCase(Actor actor) => actor.HasRole(ClerkRoles.WindowClerk);

    /// <summary>The 403 for an intake by someone who is not at the window.</summary>
    public static Refusal StartRefused() =>
        Refusal.Forbidden(RefusalCodes.WindowOnly, "Cases are accepted at the comprehensive window (综合窗口受理) by a window clerk.");

    /// <summary>The 403 for a case the actor may not read.</summary>
    public static Refusal CaseRefused(Actor actor) =>
        actor.HasRole(ClerkRoles.DepartmentClerk)
            ? Refusal.Forbidden(RefusalCodes.OtherDepartment, $"{actor.Department ?? "Your department"} has no task in this case; department clerks read the cases their department works on.")
            : Refusal.Forbidden(RefusalCodes.CaseReadNotAllowed, "Cases are read by window clerks, supervisors and the departments working on them; your roles read no case data.");

    /// <summary>The 403 for a task of another department.</summary>
    public static Refusal TaskRefused(string department) =>
        Refusal.Forbidden(RefusalCodes.OtherDepartment, $"This task belongs to {department}; department clerks read their own department's tasks only.");

    /// <summary>The 403 for another department's inbox.</summary>
    public static Refusal InboxRefused(string department) =>
        Refusal.Forbidden(RefusalCodes.OtherDepartment, $"Only clerks of {department} and supervisors may read its inbox.");

    /// <summary>The 403 for another department's cards.</summary>
    public static Refusal CardsRefused() =>
        Refusal.Forbidden(RefusalCodes.OtherDepartment, "Department clerks see the cards of their own department only.");
}
