namespace Approval.Persistence.Cases;

/// <summary>
/// Commands on the same case in this process take turns, so each decides on the state the previous
/// one committed. Without this, concurrent commands on one case all decided on the same version and
/// all but one lost the version check in every group commit — twenty parallel approvals needed twenty
/// rounds of retries. Other processes are still kept honest by the version check alone.
/// </summary>
/// <remarks>Thread safe. An entry lives only while some command holds or waits for it.</remarks>
internal sealed class CaseLocks
{
    private readonly Dictionary<Guid, Entry> _entries = [];
    private readonly Lock _gate = new();

    public async Task<Held> AcquireAsync(Guid caseId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_gate)
        {
            if (!_entries.TryGetValue(caseId, out entry!))
            {
                entry = new Entry();
                _entries[caseId] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Turn.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(caseId, entry);
            throw;
        }

        return new Held(this, caseId, entry);
    }

    private void Leave(Guid caseId, Entry entry)
    {
        lock (_gate)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(caseId);
            }
        }
    }

    /// <summary>The turn on one case; disposing it lets the next command in.</summary>
    public readonly struct Held : IDisposable
    {
        private readonly CaseLocks _owner;
        private readonly Guid _caseId;
        private readonly Entry _entry;

        internal Held(CaseLocks owner, Guid caseId, Entry entry)
        {
            _owner = owner;
            _caseId = caseId;
            _entry = entry;
        }

        public void Dispose()
        {
            _entry.Turn.Release();
            _owner.Leave(_caseId, _entry);
        }
    }

    internal sealed class Entry
    {
        public SemaphoreSlim Turn { get; } = new(1, 1);

        public int Users { get; set; }
    }
}
