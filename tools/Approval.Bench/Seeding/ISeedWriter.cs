namespace Approval.Bench.Seeding;

/// <summary>Writes seeded cases (case, task and event rows) into a migrated database, a chunk at a time.</summary>
internal interface ISeedWriter : IDisposable
{
    void Write(IReadOnlyList<SeededCase> cases);
}
