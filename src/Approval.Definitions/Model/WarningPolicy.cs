using Approval.Calendar;

namespace Approval.Definitions.Model;

/// <summary>
/// When the electronic supervision (电子监察) cards fall for a deadline: the yellow card a number of
/// working days (or office hours) before the due instant, the red card at it, then escalation
/// (督办) every <see cref="EscalateEveryWorkingDays"/> working days after red.
/// </summary>
public sealed record WarningPolicy
{
    /// <summary>"到期前一个工作日发出提示": yellow one working day before; escalation every working day after red.</summary>
    public static WarningPolicy Default { get; } = new() { YellowBefore = TimeLimit.OfWorkingDays(1), EscalateEveryWorkingDays = 1 };

    /// <summary>How long before the due instant the yellow card (黄牌) falls, in working days or office hours.</summary>
    public TimeLimit YellowBefore { get; init; } = TimeLimit.OfWorkingDays(1);

    /// <summary>Working days between escalations after the red card; 0 disables escalation.</summary>
    public int EscalateEveryWorkingDays { get; init; } = 1;

    /// <summary>How many escalations at most; null for no bound.</summary>
    public int? MaxEscalations { get; init; }
}
