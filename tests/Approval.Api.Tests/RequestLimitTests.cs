using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Api.Tests;

/// <summary>Request size limits hold on the real web server (the in-memory test server does not enforce them).</summary>
public class RequestLimitTests
{
    [Test]
    public async Task A_body_over_one_megabyte_is_a_413_problem_and_writes_nothing()
    {
        using var app = new ApprovalApp();
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var token = app.Services.GetRequiredService<TokenIssuer>().Issue(new Clerk("window-1", "窗口", [ClerkRoles.WindowClerk], "window"));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var before = await app.CountAsync();

        var padding = new string('x', 2 * 1024 * 1024);
        var response = await client.PostAsync("/api/cases", new StringContent($$"""{"workflowId": "open-restaurant", "note": "{{padding}}"}""", Encoding.UTF8, "application/json"));

        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
            Assert.That(await app.CountAsync(), Is.EqualTo(before));
        });
        await ProblemsTests.AssertProblem(response, HttpStatusCode.RequestEntityTooLarge, code: "body-too-large");
    }
}
