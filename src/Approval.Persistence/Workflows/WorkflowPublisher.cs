using Approval.Definitions.Model;
using Approval.Persistence.Rows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Approval.Persistence.Workflows;

/// <summary>
/// Publishes definitions as immutable numbered versions and keeps the <see cref="WorkflowCatalog"/>
/// in step with the database. Content equal to the latest version never makes a new version, so
/// republishing an unchanged file is a no-op; content equal to an older version is a rollback (a
/// new version with that content) when an analyst publishes it, and a no-op at start-up.
/// </summary>
/// <remarks>Thread safe. Two nodes publishing the same new content race on the (workflow, version) key; the loser reads again and finds the winner's version.</remarks>
public sealed class WorkflowPublisher(IDbContextFactory<ApprovalDbContext> dbFactory, WorkflowCatalog catalog, TimeProvider time, ILogger<WorkflowPublisher> logger)
{
    /// <summary>
    /// Loads every stored version into the catalog, so cases on old versions keep running.
    /// <paramref name="parse"/> turns stored canonical JSON back into a definition.
    /// </summary>
    public async Task<int> LoadStoredAsync(Func<string, WorkflowDefinition?> parse, CancellationToken cancellationToken = default)
    {
        EnableFallback(parse);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.WorkflowVersions.AsNoTracking().ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            if (parse(row.Definition) is { } definition)
            {
                catalog.Register(ToPublished(row, definition));
            }
            else
            {
                logger.LogError("Stored workflow {WorkflowId} v{Version} no longer loads; cases on it cannot advance until it does.", row.WorkflowId, row.Version);
            }
        }

        return rows.Count;
    }

    /// <summary>
    /// Registers every stored version the catalog lacks (published by another node); returns how
    /// many were added. Also lets the catalog read a single unknown version on demand, so a case
    /// started elsewhere on a brand-new version never finds this node without its definition.
    /// </summary>
    public async Task<int> RefreshAsync(Func<string, WorkflowDefinition?> parse, CancellationToken cancellationToken = default)
    {
        EnableFallback(parse);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var stored = await db.WorkflowVersions.AsNoTracking().Select(w => new { w.WorkflowId, w.Version }).ToListAsync(cancellationToken);
        var missing = stored.Where(k => !catalog.Contains(k.WorkflowId, k.Version)).ToList();
        foreach (var key in missing)
        {
            _ = catalog.Find(key.WorkflowId, key.Version);
        }

        return missing.Count;
    }

    private void EnableFallback(Func<string, WorkflowDefinition?> parse) =>
        catalog.Fallback ??= (id, version) =>
        {
            using var db = dbFactory.CreateDbContext();
            var row = db.WorkflowVersions.AsNoTracking().FirstOrDefault(w => w.WorkflowId == id && w.Version == version);
            return row is not null && parse(row.Definition) is { } definition ? ToPublished(row, definition) : null;
        };

    /// <summary>
    /// Publishes <paramref name="candidate"/>: content equal to the latest version returns it
    /// (Created false); new content becomes the next version; content equal to an older version
    /// becomes the next version too under <see cref="PublishMode.RestoreOlderContent"/> (with
    /// <see cref="PublishResult.RestoredFrom"/> set), or returns that older version unchanged under
    /// <see cref="PublishMode.KeepKnownContent"/>.
    /// </summary>
    public async Task<PublishResult> PublishAsync(DefinitionCandidate candidate, CancellationToken cancellationToken = default) =>
        await PublishAsync(candidate, PublishMode.RestoreOlderContent, cancellationToken);

    /// <inheritdoc cref="PublishAsync(DefinitionCandidate, CancellationToken)"/>
    public async Task<PublishResult> PublishAsync(DefinitionCandidate candidate, PublishMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var id = candidate.Definition.Id;
            var latestRow = await db.WorkflowVersions.AsNoTracking().Where(w => w.WorkflowId == id)
                .OrderByDescending(w => w.Version).FirstOrDefaultAsync(cancellationToken);
            var latest = latestRow?.Version ?? 0;
            if (latestRow is not null && latestRow.ContentHash == candidate.ContentHash)
            {
                return new PublishResult(Known(latestRow, candidate), Created: false, Latest: latest);
            }

            var older = await db.WorkflowVersions.AsNoTracking()
                .Where(w => w.WorkflowId == id && w.ContentHash == candidate.ContentHash)
                .OrderByDescending(w => w.Version).FirstOrDefaultAsync(cancellationToken);
            if (older is not null && mode == PublishMode.KeepKnownContent)
            {
                return new PublishResult(Known(older, candidate), Created: false, Latest: latest);
            }

            var row = new WorkflowVersionRow
            {
                WorkflowId = id,
                Version = latest + 1,
                Name = candidate.Definition.Name,
                ContentHash = candidate.ContentHash,
                Definition = candidate.CanonicalJson,
                SourceFile = candidate.SourceFile,
                PublishedAt = time.GetUtcNow().UtcDateTime,
            };
            db.WorkflowVersions.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (DatabaseSetup.IsWriteConflict(ex) && attempt < 5)
            {
                // Another node took this version number first; read again (it may have published this very content).
                continue;
            }

            var published = ToPublished(row, candidate.Definition);
            catalog.Register(published);
            if (older is not null)
            {
                logger.LogInformation("Published {WorkflowId} v{Version} ({Name}) from {File}, restoring the content of v{Older}.", id, row.Version, row.Name, candidate.SourceFile, older.Version);
            }
            else
            {
                logger.LogInformation("Published {WorkflowId} v{Version} ({Name}) from {File}.", id, row.Version, row.Name, candidate.SourceFile);
            }

            return new PublishResult(published, Created: true, RestoredFrom: older?.Version, Latest: row.Version);
        }
    }

    private PublishedWorkflow Known(WorkflowVersionRow row, DefinitionCandidate candidate)
    {
        var known = catalog.Find(row.WorkflowId, row.Version) ?? ToPublished(row, candidate.Definition);
        catalog.Register(known);
        return known;
    }

    private static PublishedWorkflow ToPublished(WorkflowVersionRow row, WorkflowDefinition definition) =>
        new(row.WorkflowId, row.Version, row.Name, row.ContentHash, new DateTimeOffset(row.PublishedAt), row.SourceFile, definition);
}
