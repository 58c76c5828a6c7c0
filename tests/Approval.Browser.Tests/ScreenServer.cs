using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Browser.Tests;

/// <summary>
/// The real service on a real socket (Kestrel on a free loopback port), on a throw-away SQLite file
/// and a business clock the tests move, so that tasks can be made late without waiting days.
/// </summary>
internal sealed class ScreenServer : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("approval-browser").FullName;

    public ScreenServer(FakeTimeProvider clock)
    {
        Clock = clock;
        UseKestrel(0);
        StartServer();
        Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The service's connection string, for the CLI run beside it.</summary>
    public string ConnectionString => $"Data Source={Path.Combine(_folder, "approval.db")}";

    /// <summary>Where the browser goes, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Address { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = ConnectionString,
        };
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>An API client with a bearer token minted now on the business clock.</summary>
    public HttpClient ApiAs(string role, string? department = null, string user = "clerk")
    {
        var client = new HttpClient { BaseAddress = Address };
        var token = Services.GetRequiredService<TokenIssuer>().Issue(new Clerk($"{user}@{department ?? role}", user, [role], department));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Intake of an open-restaurant case with every required material; the created case.</summary>
    public async Task<JsonNode> StartCaseAsync()
    {
        using var window = ApiAs(ClerkRoles.WindowClerk, "window", "window");
        string[] materials = ["id-card", "application", "lease", "floor-plan", "health-certificates"];
        var response = await window.PostAsJsonAsync("/api/cases", new
        {
            workflowId = "open-restaurant",
            applicant = new { kind = "person", id = "11010519491231002X", name = "张三", phone = "13800000000" },
            data = new { hasOutdoorSign = false, seats = 20 },
            materials = materials.Select(m => new { materialId = m, provided = true }),
        }, JsonSerializerOptions.Web);
        Assert.That((int)response.StatusCode, Is.EqualTo(201), await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The department approves one task of a case through the API.</summary>
    public async Task ApproveAsync(JsonNode task)
    {
        using var clerk = ApiAs(ClerkRoles.DepartmentClerk, (string)task["department"]!);
        var response = await clerk.PostAsJsonAsync($"/api/tasks/{(string)task["id"]!}/approve", new { }, JsonSerializerOptions.Web);
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs the deadline engine's sweep now, on the business clock: cards for whatever is due.</summary>
    public Task SweepAsync() => Services.GetRequiredService<Approval.Supervision.Sweep.DeadlineSweeper>().SweepAsync();

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
            // A leftover temp folder is harmless.
        }
    }
}
