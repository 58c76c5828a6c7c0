using System.Buffers;
using System.Security.Cryptography;

namespace Approval.Api.Idempotency;

/// <summary>The parts of a request that a retry under the same key must repeat: method, path and body hash.</summary>
internal static class RequestFingerprint
{
    // The column is 2000 characters; a longer path (never one of ours) is kept as its hash.
    private const int MaxPath = 2000;

    /// <summary>Path, path base and query string, as the client sent them.</summary>
    public static string PathOf(HttpRequest request)
    {
        var path = $"{request.PathBase}{request.Path}{request.QueryString}";
        return path.Length <= MaxPath ? path : "sha256:" + Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path)));
    }

    /// <summary>
    /// SHA-256 of the body, lower-case hex, leaving the body readable again from the start for
    /// the endpoint. The server's body size limit still applies while reading.
    /// </summary>
    public static async Task<string> BodyHashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
