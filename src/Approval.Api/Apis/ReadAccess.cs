using System.Text.Json.Nodes;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;

namespace Approval.Api.Apis;

/// <summary>
/// What a reader sees of what <see cref="CaseAccess"/> lets them read: the applicant's resident ID
/// number and phone masked in a <see cref="CaseReadScope.Masked"/> answer. Who may read is the
/// engine's rule, not this class's.
/// </summary>
public static class ReadAccess
{
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
