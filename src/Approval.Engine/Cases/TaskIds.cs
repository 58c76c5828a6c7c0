using System.Security.Cryptography;
using System.Text;

namespace Approval.Engine.Cases;

/// <summary>
/// Task ids derived from the case id and the step id, so the decider stays deterministic (no
/// random ids inside it) and a task keeps its id when the case is replayed.
/// </summary>
public static class TaskIds
{
    public static Guid For(Guid caseId, string stepId)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(stepId.Length)];
        caseId.TryWriteBytes(input);
        var length = 16 + Encoding.UTF8.GetBytes(stepId, input[16..]);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input[..length], hash);
        // RFC 9562 version 8 (custom) with the variant bits set, so it reads as a well-formed UUID.
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16]);
    }

    /// <summary>
    /// The task of a step's <paramref name="round"/> (a send back, 退回, opens the next): round 1 keeps
    /// the id it always had; '#' never occurs in a (kebab-case) step id, so rounds never collide with steps.
    /// </summary>
    public static Guid For(Guid caseId, string stepId, int round) => round <= 1 ? For(caseId, stepId) : For(caseId, $"{stepId}#{round}");

    /// <summary>The case's <paramref name="number"/>-th consultation task (征求意见), counted from 1.</summary>
    public static Guid ForConsultation(Guid caseId, int number) => For(caseId, $"#consultation-{number}");
}
