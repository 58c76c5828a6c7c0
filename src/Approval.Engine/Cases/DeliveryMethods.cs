namespace Approval.Engine.Cases;

/// <summary>How results leave the window (统一出件), as written in <see cref="Events.CaseDelivered"/> and requests.</summary>
public static class DeliveryMethods
{
    /// <summary>The applicant collects at the window: one more visit (跑动).</summary>
    public const string Pickup = "pickup";

    /// <summary>Sent by express mail; needs a tracking number.</summary>
    public const string Express = "express";

    public const string Electronic = "electronic";

    public static IReadOnlyList<string> All { get; } = [Pickup, Express, Electronic];

    public static bool IsKnown(string? method) => All.Contains(method, StringComparer.Ordinal);
}
