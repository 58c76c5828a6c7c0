namespace Approval.Engine.Cases;

/// <summary>How a supplement or a promised material reaches the case, as written in events and requests.</summary>
public static class ArrivalChannels
{
    /// <summary>Brought to the window: one more visit (跑动).</summary>
    public const string Window = "window";

    public const string Online = "online";

    public static IReadOnlyList<string> All { get; } = [Window, Online];

    public static bool IsKnown(string? channel) => All.Contains(channel, StringComparer.Ordinal);
}
