using Approval.Persistence.Cases;
using Approval.Persistence.Delegations;
using Approval.Persistence.Workflows;
using Approval.Security;

namespace Approval.Api.Apis;

/// <summary>What every command endpoint needs besides its route and body: who acts, the store, the catalog to name steps, and the delegations (委托) a clerk may act under.</summary>
public readonly record struct CommandContext(Clerk Clerk, CaseStore Store, TaskQueries Tasks, WorkflowCatalog Catalog, DelegationStore Delegations, CancellationToken CancellationToken);
