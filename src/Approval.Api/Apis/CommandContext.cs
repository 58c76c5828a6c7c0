using Approval.Persistence.Cases;
using Approval.Persistence.Workflows;
using Approval.Security;

namespace Approval.Api.Apis;

/// <summary>What every command endpoint needs besides its route and body: who acts, the store, and the catalog to name steps.</summary>
public readonly record struct CommandContext(Clerk Clerk, CaseStore Store, TaskQueries Tasks, WorkflowCatalog Catalog, CancellationToken CancellationToken);
