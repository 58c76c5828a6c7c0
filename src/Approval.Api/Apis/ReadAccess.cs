using System.Text.Json.Nodes;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Security;

namespace Approval.Api.Apis;

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
/// Who may read which case or task — the one place every read endpoint asks (docs/api.md, "Who
/// may read what"):
/// <list type="bullet">
/// <item>supervisors (督办) and window clerks (综合窗口) read every case in full: the window talks to
/// the applicant, takes supplements and hands out results, supervisors follow up complaints and
/// escalations;</item>
/// <item>a department clerk reads a case in which their department has a task, with the
/// applicant's ID number and phone masked (the item is decided on the materials, not by calling
/// the applicant), and only their own department's tasks;</item>
/// <item>analysts, and any other role, read no case data: they work on definitions.</item>
/// </list>
/// </summary>
public static class ReadAccess
{
    /// <summary>What <paramref name="clerk"/> may see of <paramref name="state"/>.</summary>
    public static CaseReadScope ForCase(Clerk clerk, CaseState state)
    {
        if (clerk.IsInRole(ClerkRoles.Supervisor) || clerk.IsInRole(ClerkRoles.WindowClerk))
        {
            return CaseReadScope.Full;
        }

        return clerk.IsInRole(ClerkRoles.DepartmentClerk) && clerk.Department is { } department
            && state.Tasks.Any(t => string.Equals(t.Department, department, StringComparison.Ordinal))
            ? CaseReadScope.Masked
            : CaseReadScope.None;
    }

    /// <summary>
    /// The scope of the case a command answers with: a clerk who may act but not read in full (a
    /// department whose task just closed) still sees the case, masked.
    /// </summary>
    public static CaseReadScope AfterCommand(Clerk clerk, CaseState state) =>
        ForCase(clerk, state) is var scope and not CaseReadScope.None ? scope : CaseReadScope.Masked;

    /// <summary>Whether <paramref name="clerk"/> may read a task of <paramref name="department"/>.</summary>
    public static bool ForTask(Clerk clerk, string department) =>
        clerk.IsInRole(ClerkRoles.Supervisor)
        || clerk.IsInRole(ClerkRoles.WindowClerk)
        || (clerk.IsInRole(ClerkRoles.DepartmentClerk) && string.Equals(clerk.Department, department, StringComparison.Ordinal));

    /// <summary>The 403 for a case the clerk may not read.</summary>
    public static Refusal CaseRefused(Clerk clerk) =>
        clerk.IsInRole(ClerkRoles.DepartmentClerk)
            ? Refusal.Forbidden(RefusalCodes.OtherDepartment, $"{clerk.Department ?? "Your department"} has no task in this case; department clerks read the cases their department works on.")
            : Refusal.Forbidden(RefusalCodes.CaseReadNotAllowed, "Cases are read by window clerks, supervisors and the departments working on them; your roles read no case data.");

    /// <summary>The 403 for a task of another department.</summary>
    public static Refusal TaskRefused(string department) =>
        Refusal.Forbidden(RefusalCodes.OtherDepartment, $"This task belongs to {department}; department clerks read their own department's tasks only.");

    /// <summary>The applicant as <paramref name="scope"/> allows.</summary>
    public static ApplicantRecord? Applicant(ApplicantRecord? applicant, CaseReadScope scope) =>
        applicant is null || scope == CaseReadScope.Full
            ? applicant
            : applicant with { Id = MaskId(applicant.Kind, applicant.Id), Phone = MaskPhone(applicant.Phone) };

    /// <summary>Masks the applicant inside a stored event payload (the <c>case-started</c> event carries it).</summary>
    public static void MaskPayload(JsonNode? payload, CaseReadScope scope)
    {
        if (scope == CaseReadScope.Full || payload?["applicant"] is not JsonObject applicant)
        {
            return;
        }

        if (applicant["id"]?.GetValue<string>() is { } id)
        {
            applicant["id"] = MaskId(applicant["kind"]?.GetValue<string>() ?? "person", id);
        }

        if (applicant["phone"]?.GetValue<string>() is { } phone)
        {
            applicant["phone"] = MaskPhone(phone);
        }
    }

    /// <summary>
    /// A resident ID number keeps its region (6) and last 4 characters: <c>110105********002X</c>.
    /// A unified social credit code is printed on the organisation's licence and public, so it is shown.
    /// </summary>
    public static string MaskId(string kind, string id) =>
        kind != "person" ? id : id.Length <= 10 ? new string('*', id.Length) : id[..6] + new string('*', id.Length - 10) + id[^4..];

    /// <summary>A phone number keeps its first 3 and last 4 digits: <c>138****0000</c>.</summary>
    public static string? MaskPhone(string? phone) =>
        phone is null ? null : phone.Length < 8 ? new string('*', phone.Length) : phone[..3] + new string('*', phone.Length - 7) + phone[^4..];
}
