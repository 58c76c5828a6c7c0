using Approval.Persistence.Cases;

namespace Approval.Persistence.Idempotency;

/// <summary>
/// The reserved key of the request now running, made ambient for the case store: when the request's
/// command is accepted, <see cref="CaseStore"/> renders the answer with <see cref="Render"/> and writes
/// it into the key's row in the same transaction as the command's events, so there is no instant at
/// which the effect is durable and its answer is not. A retry after any crash finds the row completed
/// and replays it.
/// </summary>
/// <remarks>
/// Set by the API's idempotency middleware for one request (an <see cref="AsyncLocal{T}"/>, so it
/// follows the request's awaits and nothing else). A request answers once: the first accepted command
/// completes the key, later commands of the same request (none today) leave it alone.
/// </remarks>
public sealed class IdempotentCall
{
    private static readonly AsyncLocal<IdempotentCall?> Ambient = new();

    /// <param name="request">The key and the call it was reserved for.</param>
    /// <param name="reservedAt">The reservation token from <see cref="IdempotencyStore.ReserveAsync"/>.</param>
    /// <param name="render">The response the endpoint gives for an accepted command, or null when it cannot tell (the answer is then stored after the call, as for refusals).</param>
    public IdempotentCall(IdempotentRequest request, DateTime reservedAt, Func<CommandOutcome, ValueTask<StoredResponse?>> render)
    {
        Request = request;
        ReservedAt = reservedAt;
        Render = render;
    }

    /// <summary>The call of the current request, or null outside a keyed request.</summary>
    public static IdempotentCall? Current => Ambient.Value;

    public IdempotentRequest Request { get; }
    public DateTime ReservedAt { get; }
    public Func<CommandOutcome, ValueTask<StoredResponse?>> Render { get; }

    /// <summary>The answer committed with the command's effect; null while none is.</summary>
    public StoredResponse? CommittedAnswer { get; private set; }

    /// <summary>Makes <paramref name="call"/> the current request's until the returned scope is disposed.</summary>
    public static IDisposable Begin(IdempotentCall call)
    {
        var previous = Ambient.Value;
        Ambient.Value = call;
        return new Scope(previous);
    }

    internal void Committed(StoredResponse answer) => CommittedAnswer = answer;

    private sealed class Scope(IdempotentCall? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}

/// <summary>The completion of a key's row that rides a case write: who, which reservation, what answer, when.</summary>
internal sealed record CommittedAnswer(IdempotentRequest Request, DateTime ReservedAt, StoredResponse Response, DateTime CompletedAt);

/// <summary>
/// The case write could not complete its key: the reservation was taken over (it outlived
/// <see cref="IdempotencyOptions.InFlightTimeout"/>) or purged. The write is rolled back, so the
/// command has no effect twice; the retry meets the new owner.
/// </summary>
public sealed class IdempotencyReservationLostException(IdempotentRequest request)
    : Exception($"Idempotency-Key '{request.Key}' of {request.UserId} was taken over before its command committed; nothing was written.")
{
    public IdempotentRequest Request { get; } = request;
}
