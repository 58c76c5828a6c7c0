using Approval.Engine.Cases;
using Approval.Engine.Cases.Events;
using Approval.Persistence.Rows;

namespace Approval.Persistence.Cases;

/// <summary>A case read back from the store: its stored event rows, the events, and their fold.</summary>
public sealed record LoadedCase(CaseState State, IReadOnlyList<CaseEventRow> Rows, IReadOnlyList<CaseEvent> Events);
