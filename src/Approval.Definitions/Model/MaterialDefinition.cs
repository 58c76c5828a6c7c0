namespace Approval.Definitions.Model;

/// <summary>
/// A material (材料) intake collects. A <see cref="Deferrable"/> one may be promised for later
/// (容缺受理) and then blocks delivery until received.
/// </summary>
public sealed record MaterialDefinition(string Id, string Name, bool Required, bool Deferrable);
