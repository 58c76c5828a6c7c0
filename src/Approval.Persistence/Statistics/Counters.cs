namespace Approval.Persistence.Statistics;

/// <summary>
/// The names of the supervision counters. Daily counters add up what happened on one local day
/// (the calendar's zone); standing counters hold what is true now (open tasks by colour).
/// <see cref="Centre"/> is the department key of figures that belong to the whole service centre.
/// </summary>
public static class Counters
{
    /// <summary>The department key of case-level figures (intake, completions, ratings): the centre as a whole.</summary>
    public const string Centre = "";

    // Daily, centre.
    public const string Intake = "intake";
    public const string Completed = "completed";
    public const string CompletedOnTime = "completed.on-time";
    public const string CompletedOneVisit = "completed.one-visit";
    public const string CompletedVisits = "completed.visits";

    /// <summary>Completed cases with a working-day limit; their limits and their working days used, summed (时限压缩率).</summary>
    public const string CompletedLimited = "completed.limited";
    public const string CompletedLimitDays = "completed.limit-days";
    public const string CompletedUsedDays = "completed.used-days";

    public const string Ratings = "ratings";
    public const string RatingsGood = "ratings.good";
    public const string RatingsPoor = "ratings.poor";
    public const string RatingsScore = "ratings.score";

    // Daily, per department (or centre for cards on a case's own limit).
    public const string TasksOpened = "tasks.opened";
    public const string TasksFinished = "tasks.finished";
    public const string TasksOnTime = "tasks.on-time";

    /// <summary>Prefix of the card counters: <c>cards.yellow</c>, <c>cards.red</c>, <c>cards.escalation</c>, <c>cards.approve-by-silence</c>.</summary>
    public const string CardsPrefix = "cards.";

    // Standing, per department (and centre for cases).
    public const string OpenGreen = "open.green";
    public const string OpenYellow = "open.yellow";
    public const string OpenRed = "open.red";

    /// <summary>Open tasks with an escalation (督办) on their current deadline: escalations waiting.</summary>
    public const string OpenEscalated = "open.escalated";

    /// <summary>Cases with at least one open task in the department (centre: cases not yet ended).</summary>
    public const string CasesRunning = "cases.running";

    /// <summary>Prefix of the standing case-status counters of the centre: <c>status.running</c>, <c>status.completed</c>, …</summary>
    public const string StatusPrefix = "status.";

    public static string Cards(string level) => CardsPrefix + level;
}
