using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>The case's result documents (证照), as delivery lists them.</summary>
public sealed partial record CaseState
{
    /// <summary>Every result document the case's approvals recorded, in the order the tasks opened.</summary>
    public IReadOnlyList<CaseDocument> Documents =>
        [.. _tasks.Where(t => t.Document is not null).Select(t => new CaseDocument(t.TaskId, t.StepId, t.Department, t.Document!))];

    /// <summary>What a delivery by <paramref name="method"/> carries: every document when electronic, nothing otherwise.</summary>
    internal IReadOnlyList<CaseDocument>? DeliveredDocuments(string method) =>
        method == DeliveryMethods.Electronic ? Documents : null;
}
