using System.Text.Json.Serialization;

namespace Approval.Engine.Cases;

/// <summary>
/// What a task is for. Only <see cref="Approval"/> tasks count towards their step's join; the
/// others are supervised (limit, cards, alerts) like any task but answer something else.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TaskKind>))]
public enum TaskKind
{
    /// <summary>A department's item of a parallel step (并联审批); its outcome joins the step.</summary>
    Approval,

    /// <summary>An opinion another department was asked for on an approval task (征求意见).</summary>
    Consultation,

    /// <summary>The check of an item approved on the applicant's commitment (告知承诺制核查).</summary>
    Verification,

    /// <summary>The follow-up of a bad rating (差评整改).</summary>
    Rectification,
}
