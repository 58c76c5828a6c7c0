using Approval.Persistence.Idempotency;
using Approval.Security;

namespace Approval.Api.Idempotency;

/// <summary>
/// Makes every mutating call under <c>/api</c> (POST, PUT, PATCH, DELETE) safe to retry with an
/// <c>Idempotency-Key</c>: the first call runs and its answer is stored; a retry gets that answer
/// verbatim (with <c>Idempotent-Replayed: true</c>) and runs nothing. See docs/idempotency.md.
/// </summary>
/// <remarks>
/// Sits after authentication and authorization, so keys are scoped by the authenticated user and
/// a refused login never reserves a key. An accepted case command stores its answer in its own
/// transaction (<see cref="IdempotentCall"/>, <see cref="CommandAnswers"/>), so no crash can leave an
/// effect without its answer; any other answer (refusals, other routes) is buffered and stored
/// before it is sent. Either way a client that saw an answer will see the same one on retry. 5xx
/// answers and exceptions release the key instead, because they say nothing final. Thread safe; one instance serves every request.
/// </remarks>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IdempotencyStore store, ILogger<IdempotencyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!Applies(context) || !context.Request.Headers.TryGetValue(IdempotencyHeaders.Key, out var values))
        {
            await next(context);
            return;
        }

        var key = values.Count == 1 ? values[0] ?? "" : null;
        if ((key is null ? "Send one Idempotency-Key header, not several." : IdempotencyHeaders.Invalid(key)) is { } invalid)
        {
            await IdempotencyProblems.Invalid(invalid).ExecuteAsync(context);
            return;
        }

        if (!Clerk.TryFromPrincipal(context.User, out var clerk))
        {
            // A key is scoped by its user; an anonymous call has no scope (and every /api endpoint refuses it anyway).
            await next(context);
            return;
        }

        var cancellationToken = context.RequestAborted;
        var request = new IdempotentRequest(
            clerk.UserId, key!, context.Request.Method, RequestFingerprint.PathOf(context.Request),
            await RequestFingerprint.BodyHashAsync(context.Request, cancellationToken));
        var reservation = await store.ReserveAsync(request, cancellationToken);
        switch (reservation.Outcome)
        {
            case ReservationOutcome.Reserved:
                await RunAndStoreAsync(context, request, reservation.ReservedAt);
                break;
            case ReservationOutcome.Replay:
                await ReplayAsync(context, reservation.Response!);
                break;
            case ReservationOutcome.Mismatch:
                await IdempotencyProblems.Reused(request.Key).ExecuteAsync(context);
                break;
            default:
                context.Response.Headers.RetryAfter = store.Options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await IdempotencyProblems.InFlight(request.Key).ExecuteAsync(context);
                break;
        }
    }

    private static bool Applies(HttpContext context)
    {
        var method = context.Request.Method;
        return (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
            && context.Request.Path.StartsWithSegments("/api")
            && context.GetEndpoint() is not null;
    }

    private async Task RunAndStoreAsync(HttpContext context, IdempotentRequest request, DateTime reservedAt)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var call = new IdempotentCall(request, reservedAt, CommandAnswers.For(context));
        try
        {
            using (IdempotentCall.Begin(call))
            {
                await next(context);
            }
        }
        catch (IdempotencyReservationLostException) when (!context.Response.HasStarted)
        {
            // The command was rolled back: the key belongs to a newer call, whose answer the retry gets.
            context.Response.Body = original;
            context.Response.Clear();
            context.Response.Headers.RetryAfter = store.Options.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await IdempotencyProblems.InFlight(request.Key).ExecuteAsync(context);
            return;
        }
        catch
        {
            // Nothing final was answered: free the key so the client's retry runs the call. (If the
            // command had committed, its answer did too and the release matches nothing.)
            await ReleaseAsync(request, reservedAt);
            throw;
        }
        finally
        {
            context.Response.Body = original;
        }

        if (call.CommittedAnswer is { } committed)
        {
            // Already durable with the effect: no second write. The client gets what a retry will get.
            await SendCommittedAsync(context, buffer, committed);
            return;
        }

        var status = context.Response.StatusCode;
        if (status >= StatusCodes.Status500InternalServerError)
        {
            await ReleaseAsync(request, reservedAt);
        }
        else
        {
            await CompleteAsync(request, reservedAt, new StoredResponse(status, context.Response.ContentType, context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null, buffer.ToArray()));
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private async Task SendCommittedAsync(HttpContext context, MemoryStream endpointBody, StoredResponse committed)
    {
        if (context.Response.StatusCode != committed.Status || !endpointBody.GetBuffer().AsSpan(0, (int)endpointBody.Length).SequenceEqual(committed.Body))
        {
            logger.LogWarning(
                "The answer stored with the effect of {Method} {Path} ({Stored}) differs from the endpoint's ({Actual}); CommandAnswers no longer renders this route as its endpoint does.",
                context.Request.Method, context.Request.Path, committed.Status, context.Response.StatusCode);
        }

        context.Response.StatusCode = committed.Status;
        context.Response.ContentType = committed.ContentType;
        if (committed.Location is not null)
        {
            context.Response.Headers.Location = committed.Location;
        }

        context.Response.ContentLength = committed.Body.Length;
        await context.Response.Body.WriteAsync(committed.Body, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.Headers[IdempotencyHeaders.Replayed] = "true";
        context.RequestServices.GetService<Approval.Persistence.Telemetry.ApprovalMetrics>()?.Replayed();
        if (response.ContentType is not null)
        {
            context.Response.ContentType = response.ContentType;
        }

        if (response.Location is not null)
        {
            context.Response.Headers.Location = response.Location;
        }

        if (response.Body.Length > 0)
        {
            context.Response.ContentLength = response.Body.Length;
            await context.Response.Body.WriteAsync(response.Body, context.RequestAborted);
        }
    }

    private async Task CompleteAsync(IdempotentRequest request, DateTime reservedAt, StoredResponse response)
    {
        try
        {
            // Not cancellable: the call has had its effect, so its answer must be kept even if the client left.
            if (!await store.CompleteAsync(request, reservedAt, response, CancellationToken.None))
            {
                logger.LogWarning("Idempotency-Key {Key} of {UserId} was lost before its answer could be stored (taken over after the in-flight timeout).", request.Key, request.UserId);
            }
        }
        catch (Exception ex)
        {
            // The effect happened, so the reservation is not released (a retry must not run it
            // again); it stays in flight until the in-flight timeout. The client still gets its answer.
            logger.LogError(ex, "Storing the answer for Idempotency-Key {Key} of {UserId} failed.", request.Key, request.UserId);
        }
    }

    private async Task ReleaseAsync(IdempotentRequest request, DateTime reservedAt)
    {
        try
        {
            await store.ReleaseAsync(request, reservedAt, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The key stays reserved until the in-flight timeout; the original failure matters more.
            logger.LogError(ex, "Releasing Idempotency-Key {Key} of {UserId} failed.", request.Key, request.UserId);
        }
    }
}
