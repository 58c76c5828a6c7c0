using System.Security.Cryptography;
using System.Text;

namespace Approval.Persistence.Cases;

/// <summary>
/// Chains each stored event to the one before it: hash(n) = SHA-256(hash(n-1) | n | payload).
/// Rewriting or deleting any event breaks every hash after it, which verification names.
/// </summary>
public static class EventHashChain
{
    public const string Genesis = "";

    public static string Next(string previousHash, Guid caseId, int sequence, string payload)
    {
        var text = $"{previousHash}|{caseId:N}|{sequence}|{payload}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
