using System.Collections.Concurrent;
using System.Net;

namespace Approval.Reliability.Tests;

/// <summary>One keyed request a client sent, and what became of it: answered (with status and body) or lost in the crash.</summary>
internal sealed class Sent(string token, string path, string? body, string key)
{
    public string Token { get; } = token;
    public string Path { get; } = path;
    public string? Body { get; } = body;
    public string Key { get; } = key;
    public HttpStatusCode? Status { get; set; }
    public string? Answer { get; set; }
    public bool Replayed { get; set; }
    public bool Acknowledged => Status is { } s && (int)s is >= 200 and < 300;
}

/// <summary>Every keyed request of a run, in the order sent; safe for concurrent clients.</summary>
internal sealed class Ledger
{
    private readonly ConcurrentQueue<Sent> _sent = new();

    public Sent Add(Sent sent)
    {
        _sent.Enqueue(sent);
        return sent;
    }

    public IReadOnlyList<Sent> All => [.. _sent];
}
