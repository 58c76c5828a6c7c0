namespace Approval.Engine.Cases;

/// <summary>Why a task's clock stands still; the law does not count the time (行政许可法 art. 45).</summary>
public enum ClockStopKind
{
    /// <summary>Returned to the applicant for supplement (补正).</summary>
    Supplement,

    /// <summary>Under a special procedure (特别程序: hearing, expert review, inspection, testing...).</summary>
    Suspension,
}
