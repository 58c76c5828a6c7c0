namespace Approval.Definitions.Model;

/// <summary>How a parallel block joins: 会签 (all), 或签 (any), or a quorum of n branches.</summary>
public sealed record JoinRule(JoinKind Kind, int Quorum = 0)
{
    public static JoinRule All { get; } = new(JoinKind.All);
    public static JoinRule Any { get; } = new(JoinKind.Any);

    /// <summary>
    /// How many approved branches complete the block, given the number of branches that run
    /// (skipped branches do not count towards <see cref="JoinKind.All"/>).
    /// </summary>
    public int Needed(int running) => Kind switch
    {
        JoinKind.All => running,
        JoinKind.Any => Math.Min(1, running),
        _ => Math.Min(Quorum, running),
    };

    public override string ToString() => Kind == JoinKind.Quorum ? $"quorum {Quorum}" : Kind.ToString().ToLowerInvariant();
}

public enum JoinKind
{
    All,
    Any,
    Quorum,
}
