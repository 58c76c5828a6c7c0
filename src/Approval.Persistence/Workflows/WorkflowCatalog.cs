using System.Collections.Concurrent;

namespace Approval.Persistence.Workflows;

/// <summary>
/// The published versions this process knows, by id and version. Filled by the publisher at
/// start-up (and by later publishes); read by every command.
/// </summary>
/// <remarks>Thread safe: lookups and registrations may run concurrently.</remarks>
public sealed class WorkflowCatalog
{
    private readonly ConcurrentDictionary<(string Id, int Version), PublishedWorkflow> _versions = new();

    public void Register(PublishedWorkflow workflow) => _versions[(workflow.Id, workflow.Version)] = workflow;

    /// <summary>
    /// Reads a version this process has not seen from the database: another node published it.
    /// Set once at start-up by the publisher; null in tests that fill the catalog by hand.
    /// </summary>
    public Func<string, int, PublishedWorkflow?>? Fallback { get; set; }

    public PublishedWorkflow? Find(string id, int version)
    {
        if (_versions.TryGetValue((id, version), out var known))
        {
            return known;
        }

        if (Fallback?.Invoke(id, version) is { } loaded)
        {
            Register(loaded);
            return loaded;
        }

        return null;
    }

    public bool Contains(string id, int version) => _versions.ContainsKey((id, version));

    public PublishedWorkflow? Latest(string id) =>
        _versions.Values.Where(w => w.Id == id).MaxBy(w => w.Version);

    public IReadOnlyList<PublishedWorkflow> All() =>
        [.. _versions.Values.OrderBy(w => w.Id, StringComparer.Ordinal).ThenBy(w => w.Version)];
}
