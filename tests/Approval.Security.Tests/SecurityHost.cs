using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Security.Tests;

/// <summary>
/// A minimal app with the security registration and a few endpoints, on an in-memory test server.
/// </summary>
internal sealed class SecurityHost : IAsyncDisposable
{
    public const string Key = "test-signing-key-of-at-least-thirty-two-bytes";

    private readonly WebApplication _app;

    private SecurityHost(WebApplication app)
    {
        _app = app;
        Client = app.GetTestClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The options the host runs with, for minting matching tokens.</summary>
    public static JwtOptions Options => new() { Issuer = "approval-test", Audience = "approval-api-test", SigningKey = Key };

    public static Dictionary<string, string?> Settings(JwtOptions options) => new()
    {
        ["Authentication:Jwt:Issuer"] = options.Issuer,
        ["Authentication:Jwt:Audience"] = options.Audience,
        ["Authentication:Jwt:SigningKey"] = options.SigningKey,
        ["Authentication:Jwt:ClockSkew"] = options.ClockSkew.ToString(),
    };

    public static Task<SecurityHost> StartAsync(TimeProvider? time = null) =>
        StartAsync("Production", Settings(Options), time);

    public static async Task<SecurityHost> StartAsync(string environment, Dictionary<string, string?> settings, TimeProvider? time = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseTestServer();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddApprovalSecurity(builder.Configuration, builder.Environment);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        var app = builder.Build();
        app.MapGet("/open", () => "open");
        app.MapGet("/me", (Clerk clerk) => new { clerk.UserId, clerk.DisplayName, clerk.Roles, clerk.Department })
            .RequireAuthorization();
        app.MapPost("/cases", (Clerk clerk) => $"intake by {clerk.UserId}")
            .RequireAuthorization(Policies.WindowClerk);
        app.MapGet("/operations", () => "operations")
            .RequireAuthorization(Policies.Operator);
        app.MapPost("/definitions", () => "published")
            .RequireAuthorization(Policies.Analyst);
        app.MapPost("/departments/{department}/tasks/{id}/approve", (string department, string id, Clerk clerk) =>
                clerk.CanActFor(department)
                    ? Results.Ok($"{id} approved by {clerk.UserId}")
                    : SecurityProblems.NotYourDepartment(clerk, department))
            .RequireAuthorization(Policies.DepartmentClerk);

        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new SecurityHost(app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
