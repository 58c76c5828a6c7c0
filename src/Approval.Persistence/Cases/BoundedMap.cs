using System.Collections.Concurrent;

namespace Approval.Persistence.Cases;

/// <summary>
/// A concurrent map that is emptied when it reaches its capacity (a cheap generation reset: only the
/// entries still in use come back). Its size is counted on add and remove, because
/// <see cref="ConcurrentDictionary{TKey,TValue}.Count"/> takes every lock of the table: on the command
/// path that cost more than the lookup it guarded.
/// </summary>
/// <remarks>
/// The count is approximate under races (an add and a reset crossing): the bound is a memory limit,
/// not a contract. Thread safe.
/// </remarks>
internal sealed class BoundedMap<TKey, TValue>(int capacity)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _items = new();
    private int _size;

    public TValue? GetValueOrDefault(TKey key) => _items.GetValueOrDefault(key);

    public bool TryGetValue(TKey key, out TValue? value) => _items.TryGetValue(key, out value);

    /// <summary>Adds or replaces the entry.</summary>
    public void Set(TKey key, TValue value)
    {
        MakeRoom();
        if (_items.TryAdd(key, value))
        {
            Interlocked.Increment(ref _size);
        }
        else
        {
            _items[key] = value;
        }
    }

    /// <summary>Adds the entry unless the key already has one.</summary>
    public void TryAdd(TKey key, TValue value)
    {
        MakeRoom();
        if (_items.TryAdd(key, value))
        {
            Interlocked.Increment(ref _size);
        }
    }

    public void Remove(TKey key)
    {
        if (_items.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _size);
        }
    }

    private void MakeRoom()
    {
        if (Volatile.Read(ref _size) >= capacity)
        {
            _items.Clear();
            Interlocked.Exchange(ref _size, 0);
        }
    }
}
