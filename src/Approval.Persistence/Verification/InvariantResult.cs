namespace Approval.Persistence.Verification;

/// <summary>One invariant as found in the database: how many things were looked at, how many break it, and a few of them by name.</summary>
/// <param name="Name">A stable kebab-case name, e.g. <c>open-tasks-in-open-cases</c>.</param>
/// <param name="Description">What holds when it passes, in one sentence.</param>
/// <param name="Checked">How many rows (tasks, joins, cases, cards, alerts, keys) were examined.</param>
/// <param name="Violations">How many break the invariant.</param>
/// <param name="Examples">Up to <see cref="DatabaseVerifier.MaxExamples"/> violations, each naming what is wrong.</param>
public sealed record InvariantResult(string Name, string Description, int Checked, int Violations, IReadOnlyList<string> Examples)
{
    public bool Passed => Violations == 0;
}
