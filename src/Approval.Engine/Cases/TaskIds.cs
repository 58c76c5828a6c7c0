using System.Security.Cryptography;
using System.Text;

namespace Approval.Engine.Cases;

/// <summary>
/// Task ids derived from the case id and the step id, so the decider stays deterministic (no
/// random ids inside it) and a task keeps its id when the case is replayed.
/// </summary>
/// <remarks>
/// A task id begins with its case id's first 8 bytes (in the order SQLite and PostgreSQL sort them) and ends
/// with 8 bytes of the hash, so a case's tasks sort beside each other and, for time-ordered (version
/// 7) case ids, after the tasks of earlier cases. A wholly hashed id put every new task on a random
/// page of the tasks' key index: measured in the WAL of a load test, that index was a quarter of the
/// pages every commit wrote. The hash still covers the whole case id, so two cases that share the
/// prefix still get different task ids. Ids already stored keep whatever form they were made in: the
/// engine reads a task's id from its events and never derives it again for an existing task. (SQL
/// Server sorts a uniqueidentifier by its last bytes first, so there the ids stay as scattered as before.)
/// </remarks>
public static class TaskIds
{
    public static Guid For(Guid caseId, string stepId)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(stepId.Length)];
        caseId.TryWriteBytes(input);
        var length = 16 + Encoding.UTF8.GetBytes(stepId, input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..length], hash);
        Span<byte> id = stackalloc byte[16];
        caseId.TryWriteBytes(id, bigEndian: true, out _);
        hash[..8].CopyTo(id[8..]);
        // RFC 9562 version 8 (custom) with the variant bits set, so it reads as a well-formed UUID.
        id[6] = (byte)((id[6] & 0x0F) | 0x80);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return new Guid(id, bigEndian: true);
    }

    /// <summary>
    /// The task of a step's <paramref name="round"/> (a send back, 退回, opens the next): round 1 keeps
    /// the id it always had; '#' never occurs in a (kebab-case) step id, so rounds never collide with steps.
    /// </summary>
    public static Guid For(Guid caseId, string stepId, int round) => round <= 1 ? For(caseId, stepId) : For(caseId, $"{stepId}#{round}");

    /// <summary>The case's <paramref name="number"/>-th consultation task (征求意见), counted from 1.</summary>
    public static Guid ForConsultation(Guid caseId, int number) => For(caseId, $"#consultation-{number}");
}
