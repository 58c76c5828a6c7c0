using System.Net.Http.Headers;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Api.Tests.Infrastructure;

/// <summary>
/// The real service on a throw-away SQLite file, with the repository's workflows/ published at
/// start-up. Clients carry tokens minted with the service's own issuer.
/// </summary>
public sealed class ApprovalApp : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "approval-tests", Guid.NewGuid().ToString("N"));
    private readonly Dictionary<string, string?> _settings;
    private readonly TimeProvider? _time;

    public ApprovalApp(Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        _time = time;
        Directory.CreateDirectory(_folder);
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={DatabasePath}",
        };
        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }
    }

    public string DatabasePath => Path.Combine(_folder, "approval.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // UseSetting reaches the configuration the service reads while registering (provider, supervision);
        // the in-memory source keeps it highest in precedence afterwards.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        if (_time is not null)
        {
            builder.ConfigureServices(services => services.AddSingleton(_time));
        }
    }

    public HttpClient ClientAs(string role, string? department = null, string user = "clerk")
    {
        var client = CreateClient();
        var token = Services.GetRequiredService<TokenIssuer>().Issue(new Clerk($"{user}@{department ?? role}", user, [role], department));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient Window() => ClientAs(ClerkRoles.WindowClerk, "window", "window");

    public HttpClient Department(string department, string user = "clerk") => ClientAs(ClerkRoles.DepartmentClerk, department, user);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over clean-up.
        }
    }
}
