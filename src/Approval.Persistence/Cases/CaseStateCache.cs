using Approval.Engine.Cases;

namespace Approval.Persistence.Cases;

/// <summary>
/// The folded state of recently written cases, so a command need not reload and re-deserialize every
/// event of its case. Safe without invalidation across processes: a cached state is only ever a
/// *version* of the case, and the write's optimistic-concurrency check (case row at that version,
/// unique event sequence) rejects a decision made on a stale one, after which the store evicts it and
/// decides again on fresh state. States in the cache are never mutated (commands work on copies).
/// </summary>
/// <remarks>Bounded: when full it is emptied (a cheap generation reset; only the active cases come back).</remarks>
internal sealed class CaseStateCache(int capacity)
{
    private readonly BoundedMap<Guid, CachedCase> _cases = new(capacity);

    public CachedCase? Get(Guid caseId) => _cases.GetValueOrDefault(caseId);

    public void Put(CachedCase entry)
    {
        if (entry.State.IsEnded)
        {
            // Little happens to an ended case (a rating at most); keep the room for running ones.
            _cases.Remove(entry.State.CaseId);
            return;
        }

        _cases.Set(entry.State.CaseId, entry);
    }

    /// <summary>Adds a state read ahead of its commands, unless a command has meanwhile put a (newer) one.</summary>
    public void TryAdd(CachedCase entry)
    {
        if (entry.State.IsEnded)
        {
            return;
        }

        _cases.TryAdd(entry.State.CaseId, entry);
    }

    public void Remove(Guid caseId) => _cases.Remove(caseId);
}

/// <summary>A case's state at its <see cref="CaseState.Version"/>, and the hash of its last event (the next event chains to it).</summary>
internal sealed record CachedCase(CaseState State, string LastHash);
