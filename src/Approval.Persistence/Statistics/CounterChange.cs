namespace Approval.Persistence.Statistics;

/// <summary>A change to one counter: <paramref name="Day"/> null for a standing counter.</summary>
public readonly record struct CounterKey(DateOnly? Day, string Department, string Counter);

/// <summary>
/// Changes to counters, summed per key: what one command (or a whole rebuild) adds. Zero sums
/// are dropped, so a command that moves nothing writes nothing.
/// </summary>
public sealed class CounterChanges
{
    private readonly Dictionary<CounterKey, long> _amounts = [];

    public void Add(DateOnly? day, string department, string counter, long amount = 1)
    {
        var key = new CounterKey(day, department, counter);
        _amounts[key] = _amounts.GetValueOrDefault(key) + amount;
    }

    public void AddAll(CounterChanges other)
    {
        foreach (var (key, amount) in other._amounts)
        {
            _amounts[key] = _amounts.GetValueOrDefault(key) + amount;
        }
    }

    /// <summary>The non-zero changes.</summary>
    public IEnumerable<KeyValuePair<CounterKey, long>> NonZero => _amounts.Where(a => a.Value != 0);
}
