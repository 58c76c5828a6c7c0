namespace Approval.Engine.Cases;

/// <summary>The life of a case (办件) as a clerk sees it.</summary>
public enum CaseStatus
{
    /// <summary>Accepted at the window; departments are working on it.</summary>
    Running,

    /// <summary>Every approval is in; the result waits at the window for unified delivery (统一出件).</summary>
    AwaitingDelivery,

    Completed,
    Rejected,
    Withdrawn,
}
