using Approval.Definitions.Departments;
using Approval.Definitions.Loading;
using Approval.Persistence.Workflows;
using Microsoft.Extensions.Options;

namespace Approval.Api.Hosting;

/// <summary>
/// The definitions under <c>workflows/</c>, published at start-up. A file with errors is skipped
/// with every error logged (file, line:column, JSON path, code), and the service starts with
/// the valid ones; versions published earlier stay loaded so their cases keep running.
/// </summary>
public sealed class WorkflowLibrary(WorkflowPublisher publisher, IOptions<ApprovalOptions> options, ILogger<WorkflowLibrary> logger)
{
    private readonly List<SkippedDefinition> _skipped = [];

    /// <summary>Files skipped at the last publish, with their errors.</summary>
    public IReadOnlyList<SkippedDefinition> Skipped => _skipped;

    public string WorkflowsPath { get; } = PathResolver.Resolve(options.Value.WorkflowsPath);

    public DepartmentRegistry Departments { get; private set; } = DepartmentRegistry.Empty;

    public async Task PublishAllAsync(CancellationToken cancellationToken = default)
    {
        var registry = Path.Combine(WorkflowsPath, DefinitionLoader.DepartmentsFile);
        Departments = File.Exists(registry) ? DepartmentRegistry.Load(registry) : DepartmentRegistry.Empty;
        var stored = await publisher.LoadStoredAsync(json => DefinitionLoader.Load(json, "stored version", Departments).Definition, cancellationToken);
        logger.LogInformation("Loaded {Count} stored workflow versions.", stored);

        _skipped.Clear();
        var results = Directory.Exists(WorkflowsPath) ? DefinitionLoader.LoadDirectory(WorkflowsPath, Departments) : [];
        if (results.Count == 0)
        {
            logger.LogWarning("No workflow definitions found in {Path}.", WorkflowsPath);
        }

        foreach (var result in results)
        {
            if (result.Definition is null)
            {
                _skipped.Add(new SkippedDefinition(result.File, result.Errors));
                logger.LogError("Skipped {File}: {Count} error(s), not published.{Errors}",
                    result.File, result.Errors.Count, string.Concat(result.Errors.Select(e => Environment.NewLine + "  " + e)));
                continue;
            }

            await publisher.PublishAsync(new DefinitionCandidate(result.Definition, result.CanonicalJson!, result.ContentHash!, Path.GetFileName(result.File)), PublishMode.KeepKnownContent, cancellationToken);
        }
    }
}

/// <summary>A definition file that was not published, and why.</summary>
public sealed record SkippedDefinition(string File, IReadOnlyList<DefinitionError> Errors);
