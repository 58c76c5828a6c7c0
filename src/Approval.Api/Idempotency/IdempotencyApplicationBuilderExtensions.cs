using Approval.Api.Idempotency;
using Approval.Persistence;
using Approval.Persistence.Idempotency;
using Microsoft.EntityFrameworkCore;

// In the framework's builder namespace, as ASP.NET's own Use* extensions are, so that Program.cs
// needs one line and no using to switch it on.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds Idempotency-Key handling to the pipeline with one line.</summary>
public static class IdempotencyApplicationBuilderExtensions
{
    /// <summary>
    /// Makes mutating <c>/api</c> calls retry-safe under an <c>Idempotency-Key</c>. Call it after
    /// <c>UseAuthorization</c> (keys are scoped by the authenticated user). Reads the
    /// <c>Idempotency</c> configuration section (<see cref="IdempotencyOptions"/>) and uses the
    /// service's own database, clock and logging, so nothing else needs registering.
    /// </summary>
    /// <exception cref="InvalidOperationException">An <c>Idempotency</c> setting cannot work.</exception>
    public static IApplicationBuilder UseIdempotency(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var options = services.GetRequiredService<IConfiguration>().GetSection(IdempotencyOptions.Section).Get<IdempotencyOptions>() ?? new IdempotencyOptions();
        options.Validate();
        var store = new IdempotencyStore(
            services.GetRequiredService<IDbContextFactory<ApprovalDbContext>>(),
            services.GetRequiredService<TimeProvider>(),
            options,
            services.GetRequiredService<ILogger<IdempotencyStore>>(),
            services.GetService<Approval.Persistence.Cases.CaseStore>());
        return app.UseMiddleware<IdempotencyMiddleware>(store);
    }
}
