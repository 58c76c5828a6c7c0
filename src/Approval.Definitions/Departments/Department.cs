namespace Approval.Definitions.Departments;

/// <summary>A department (部门) that works tasks: a stable kebab-case <see cref="Id"/> and its Chinese <see cref="Name"/>.</summary>
public sealed record Department(string Id, string Name, string? Description = null);
