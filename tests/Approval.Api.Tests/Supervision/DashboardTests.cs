using System.Net;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace Approval.Api.Tests.Supervision;

/// <summary>The Hangfire dashboard at /hangfire, authorised from the signed-in user's roles (here: a bearer token).</summary>
public class DashboardTests
{
    private string _folder = null!;
    private SupervisedApp _app = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _folder = Directory.CreateTempSubdirectory("approval-dashboard").FullName;
        _app = new SupervisedApp(Path.Combine(_folder, "approval.db"), new FakeTimeProvider(DateTimeOffset.UtcNow));
        _ = _app.CreateClient();
        await _app.CatchUp;
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Test]
    public async Task An_operator_gets_the_full_dashboard()
    {
        var response = await _app.ClientAs(ClerkRoles.Operator, user: "ops").GetAsync("/hangfire/recurring");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("approval-deadline-safety-net"), "the safety net is a recurring job");
            Assert.That(html, Does.Contain("recurring/trigger"), "operators may trigger jobs");
        });
    }

    [Test]
    public async Task A_supervisor_gets_a_read_only_dashboard()
    {
        var response = await _app.ClientAs(ClerkRoles.Supervisor, user: "boss").GetAsync("/hangfire/recurring");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(html, Does.Contain("approval-deadline-safety-net"));
            Assert.That(html, Does.Not.Contain("recurring/trigger"), "no commands when read-only");
        });
    }

    [Test]
    public async Task A_supervisor_cannot_run_a_dashboard_command()
    {
        var response = await _app.ClientAs(ClerkRoles.Supervisor, user: "boss").PostAsync("/hangfire/recurring/trigger",
            new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", "approval-deadline-safety-net")]));
        Assert.That((int)response.StatusCode, Is.InRange(400, 499));
    }

    [TestCase(ClerkRoles.DepartmentClerk, HttpStatusCode.Forbidden)]
    [TestCase(ClerkRoles.WindowClerk, HttpStatusCode.Forbidden)]
    [TestCase(ClerkRoles.Analyst, HttpStatusCode.Forbidden)]
    public async Task Anyone_else_is_refused(string role, HttpStatusCode expected)
    {
        var response = await _app.ClientAs(role, role == ClerkRoles.DepartmentClerk ? "fire-rescue" : null).GetAsync("/hangfire");
        var html = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected));
            Assert.That(html, Does.Not.Contain("Hangfire"), "never the dashboard");
        });
    }

    [Test]
    public async Task Without_a_signed_in_user_the_dashboard_answers_401()
    {
        var response = await _app.CreateClient().GetAsync("/hangfire");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }
}
