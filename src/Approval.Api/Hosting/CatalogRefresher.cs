using Approval.Definitions.Loading;
using Approval.Persistence.Workflows;
using Microsoft.Extensions.Options;

namespace Approval.Api.Hosting;

/// <summary>
/// With several nodes on one database, a version published through one node reaches the others'
/// catalogs within <see cref="ApprovalOptions.CatalogRefreshInterval"/> (and at once when a case
/// on it is touched, through the catalog's fallback).
/// </summary>
internal sealed class CatalogRefresher(WorkflowPublisher publisher, WorkflowLibrary library, IOptions<ApprovalOptions> options, TimeProvider time, ILogger<CatalogRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CatalogRefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var added = await publisher.RefreshAsync(json => DefinitionLoader.Load(json, "stored version", library.Departments).Definition, stoppingToken);
                if (added > 0)
                {
                    logger.LogInformation("Catalog refresh: {Count} version(s) published by another node are now known.", added);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Catalog refresh failed; retrying at the next interval.");
            }
        }
    }
}
