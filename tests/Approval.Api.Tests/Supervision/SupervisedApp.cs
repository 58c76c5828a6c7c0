using System.Net.Http.Headers;
using Approval.Security;
using Approval.Supervision.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests.Supervision;

/// <summary>
/// The real service (Hangfire, catch-up and all) on a database file the test owns, with a fake business
/// clock (<see cref="FakeTimeProvider"/>; Hangfire keeps wall time): disposing one and creating another on the same file is a process restart.
/// </summary>
internal sealed class SupervisedApp(string databasePath, TimeProvider clock) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={databasePath}",
        }));
        builder.ConfigureTestServices(services => services.AddSingleton(clock));
    }

    /// <summary>Completes when the start-up catch-up sweep and dispatch have run.</summary>
    public Task CatchUp => Services.GetRequiredService<CatchUpService>().Completed;

    public HttpClient ClientAs(string role, string? department = null, string user = "clerk")
    {
        var client = CreateClient();
        var token = Services.GetRequiredService<TokenIssuer>().Issue(new Clerk($"{user}@{department ?? role}", user, [role], department));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
