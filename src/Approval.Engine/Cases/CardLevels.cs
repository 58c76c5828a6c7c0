namespace Approval.Engine.Cases;

/// <summary>
/// The wire names of <see cref="CardLevel"/>, as written in events, rows and alerts: constants, so
/// text from a row or a query can be matched against them (<c>case CardLevels.Red:</c>).
/// </summary>
public static class CardLevels
{
    public const string Yellow = "yellow";
    public const string Red = "red";
    public const string Escalation = "escalation";

    /// <summary>Not a card: the deadline engine approves the task by silence (超时默许).</summary>
    public const string ApproveBySilence = "approve-by-silence";

    /// <summary>Not a deadline card: a failed verification revoked (撤销) an item approved on commitment.</summary>
    public const string Revocation = "revocation";

    /// <summary>Every level an alert or a card filter may name.</summary>
    public static IReadOnlyList<string> All { get; } = [Yellow, Red, Escalation, ApproveBySilence, Revocation];

    public static bool IsKnown(string? level) => All.Contains(level, StringComparer.Ordinal);
}

/// <summary>One alert point on a deadline: a card, or approval by silence.</summary>
public sealed record CardPoint(CardLevel Level, int Escalation, DateTimeOffset At)
{
    public string Key(int dueVersion) => $"{Level}:{Escalation}:{dueVersion}";
}
