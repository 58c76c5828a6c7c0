using System.Net;
using Approval.Api.Telemetry;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Approval.Api.Tests.Telemetry;

/// <summary>The Prometheus scrape endpoint: off by default; when on, for operators and for the allowed networks only.</summary>
public class MetricsEndpointTests
{
    private static readonly Dictionary<string, string?> On = new()
    {
        ["Telemetry:Prometheus:Enabled"] = "true",
        ["Telemetry:Prometheus:AllowedNetworks:0"] = "10.0.0.0/8",
    };

    [Test]
    public async Task There_is_no_metrics_endpoint_by_default()
    {
        await using var app = new ApprovalApp();
        var response = await app.ClientAs(ClerkRoles.Operator, user: "ops").GetAsync("/metrics");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Without_a_user_or_with_another_role_the_scrape_is_refused_and_an_operator_gets_our_metrics()
    {
        await using var app = new ApprovalApp(On);
        await app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });

        var anonymous = await app.CreateClient().GetAsync("/metrics");
        var clerk = await app.Window().GetAsync("/metrics");
        var scrape = await app.ClientAs(ClerkRoles.Operator, user: "ops").GetAsync("/metrics");
        var text = await scrape.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(clerk.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(scrape.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(text, Does.Contain("approval_commands").And.Contain("command=\"StartCase\""));
            Assert.That(text, Does.Contain("http_server_request_duration"), "ASP.NET Core's own metrics are exported beside ours");
        });
    }

    [TestCase("10.1.2.3", HttpStatusCode.OK)]
    [TestCase("::ffff:10.9.9.9", HttpStatusCode.OK)]
    [TestCase("192.168.1.20", HttpStatusCode.Unauthorized)]
    public async Task A_scraper_from_an_allowed_network_needs_no_token(string from, HttpStatusCode expected)
    {
        await using var app = new ApprovalApp(On);
        await using var fromAddress = app.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new RemoteAddress(IPAddress.Parse(from)))));
        var response = await fromAddress.CreateClient().GetAsync("/metrics");
        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [TestCase("Telemetry:Prometheus:AllowedNetworks:0", "everyone", "Telemetry:Prometheus:AllowedNetworks:0")]
    [TestCase("Telemetry:Prometheus:Path", "metrics", "Telemetry:Prometheus:Path")]
    [TestCase("Telemetry:Otlp:Endpoint", "collector:4317", "Telemetry:Otlp:Endpoint")]
    [TestCase("Telemetry:Otlp:Protocol", "udp", "Telemetry:Otlp:Protocol")]
    [TestCase("Telemetry:Otlp:Headers", "api-key", "Telemetry:Otlp:Headers")]
    public void A_bad_telemetry_setting_stops_start_up_naming_it(string key, string value, string named)
    {
        // The start-up check the service runs before touching the database (ServiceRegistration.ValidateApprovalOptions).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var services = new ServiceCollection().AddApprovalTelemetry(configuration).BuildServiceProvider();
        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(failure!.Message, Does.Contain(named));
    }

    [Test]
    public void The_default_settings_pass_the_start_up_check()
    {
        var configuration = new ConfigurationBuilder().Build();
        using var services = new ServiceCollection().AddApprovalTelemetry(configuration).BuildServiceProvider();
        Assert.DoesNotThrow(() => services.GetRequiredService<IStartupValidator>().Validate());
    }

    /// <summary>The test server has no client address of its own: this sets one, first in the pipeline.</summary>
    private sealed class RemoteAddress(IPAddress address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate follow) =>
            {
                context.Connection.RemoteIpAddress = address;
                return follow(context);
            });
            next(app);
        };
    }
}
