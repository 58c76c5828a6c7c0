using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Approval.Api.OpenApi;

/// <summary>Declares the bearer JWT every <c>/api</c> call needs, so the browsable API can send a token.</summary>
internal sealed class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Approval API";
        document.Info.Description = "一件事 approval orchestrator: intake, parallel joint approval, supplement, delivery, supervision. "
            + "Every /api call needs a bearer JWT (mint one for development with `approval token`); mutating calls accept an Idempotency-Key.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "A token with the clerk's roles (window-clerk, department-clerk, supervisor, analyst) and department.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
