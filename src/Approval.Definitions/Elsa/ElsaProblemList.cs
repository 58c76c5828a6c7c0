namespace Approval.Definitions.Elsa;

/// <summary>Collects every problem of one import, so the analyst sees them all at once.</summary>
internal sealed class ElsaProblemList
{
    private readonly List<ElsaProblem> _items = [];
    private readonly HashSet<string> _activities = new(StringComparer.Ordinal);

    public IReadOnlyList<ElsaProblem> Items => _items;

    public void Add(string code, string path, string? activityId, string? activityType, string message)
    {
        _items.Add(new ElsaProblem(code, path, activityId, activityType, message));
        if (activityId is not null)
        {
            _activities.Add(activityId);
        }
    }

    public void Add(string code, ElsaActivity activity, string message, string? path = null) =>
        Add(code, path ?? activity.Path, activity.Id, activity.Type, message);

    /// <summary>Whether an activity already has a problem (so a follow-on validation error about it is noise).</summary>
    public bool Concerns(string activityId) => _activities.Contains(activityId);
}
