using System.Net;
using System.Text.Json;
using Approval.Cli.Commands;

namespace Approval.Cli.Tests;

/// <summary><c>approval publish</c>: local validation first, then one POST per file; the network is a stub except where unreachability is the point.</summary>
public class PublishCommandTests
{
    private static readonly string OpenRestaurant = Path.Combine(ValidateCommandTests.Workflows, "open-restaurant.json");
    private static readonly string Broken = Path.Combine(ValidateCommandTests.Fixtures, "broken", "broken-bundle.json");

    /// <summary>Records every request and answers with a fixed response.</summary>
    private sealed class StubHandler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public List<(HttpRequestMessage Request, string Body)> Calls { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls.Add((request, await request.Content!.ReadAsStringAsync(cancellationToken)));
            return new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        }
    }

    private static (int Exit, string Out, string Err) Publish(StubHandler? handler, params string[] args) =>
        ValidateCommandTests.Run(PublishCommand.Create(handler is null ? null : () => handler), ["publish", .. args]);

    [Test]
    public void An_invalid_file_is_refused_before_any_http_call()
    {
        var handler = new StubHandler(HttpStatusCode.Created, "{}");
        // Loopback port 1 refuses at once, so a call that slipped through would say "cannot reach", not APV codes.
        var (exit, output, error) = Publish(handler, Broken, "--url", "http://127.0.0.1:1", "--token", "T");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(handler.Calls, Is.Empty);
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("error APV024"));
        Assert.That(error, Does.Contain("refusing to publish"));
        Assert.That(error, Does.Contain("nothing was published"));
        Assert.That(error, Does.Not.Contain("cannot reach"));
    }

    [Test]
    public void An_invalid_file_is_refused_with_the_real_network_too()
    {
        var (exit, _, error) = Publish(null, OpenRestaurant, Broken, "--url", "http://127.0.0.1:1", "--token", "T", "--timeout", "1");

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("error APV024"));
        Assert.That(error, Does.Not.Contain("cannot reach").And.Not.Contain("did not answer"));
    }

    [Test]
    public void A_valid_file_is_posted_as_definition_and_the_version_is_printed()
    {
        var handler = new StubHandler(HttpStatusCode.Created, """{ "id": "open-restaurant", "version": 3, "created": true }""");
        var (exit, output, error) = Publish(handler, OpenRestaurant, "--url", "http://approval.test:5080/", "--token", "secret-token");

        Assert.That(exit, Is.Zero, error);
        var (request, body) = handler.Calls.Single();
        Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
        Assert.That(request.RequestUri, Is.EqualTo(new Uri("http://approval.test:5080/api/workflows")));
        Assert.That(request.Headers.Authorization?.ToString(), Is.EqualTo("Bearer secret-token"));
        using var sent = JsonDocument.Parse(body);
        Assert.That(sent.RootElement.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "definition" }));
        Assert.That(sent.RootElement.GetProperty("definition").GetProperty("id").GetString(), Is.EqualTo("open-restaurant"));
        Assert.That(sent.RootElement.GetProperty("definition").GetProperty("steps").GetArrayLength(), Is.EqualTo(3));
        Assert.That(output, Does.Contain("open-restaurant version 3 (new version)"));
    }

    [Test]
    public void Identical_content_reports_the_existing_version()
    {
        // The service answers 200 OK (not 201) when it already has the content.
        var handler = new StubHandler(HttpStatusCode.OK, """{ "id": "open-restaurant", "version": 2, "created": false, "contentHash": "ab12" }""");
        var (exit, output, _) = Publish(handler, OpenRestaurant, "--token", "T");
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("version 2 (unchanged: this content is already the latest version)"));
    }

    [Test]
    public void Older_content_reports_the_rollback_version()
    {
        var handler = new StubHandler(HttpStatusCode.Created, """{ "id": "open-restaurant", "version": 3, "created": true, "contentHash": "ab12", "restoredFrom": 1, "latest": 3 }""");
        var (exit, output, _) = Publish(handler, OpenRestaurant, "--token", "T");
        Assert.That(exit, Is.Zero);
        Assert.That(output, Does.Contain("open-restaurant version 3 (new latest version, restoring the content of version 1: a rollback)"));
    }

    [Test]
    public void A_refusal_by_the_service_shows_the_problem_and_fails()
    {
        var handler = new StubHandler(HttpStatusCode.Forbidden, """{ "title": "Forbidden", "detail": "Only administrators publish workflows.", "status": 403 }""");
        var (exit, _, error) = Publish(handler, OpenRestaurant, "--token", "T");
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("403 Forbidden: Forbidden — Only administrators publish workflows."));
    }

    [Test]
    public void An_unreachable_service_is_a_clear_error()
    {
        // Port 1 on the loopback refuses at once; nothing listens there.
        var (exit, _, error) = Publish(null, OpenRestaurant, "--url", "http://127.0.0.1:1", "--token", "T", "--timeout", "5");
        Assert.That(exit, Is.EqualTo(1));
        Assert.That(error, Does.Contain("cannot reach http://127.0.0.1:1/api/workflows"));
    }

    [Test]
    public void A_token_is_required()
    {
        var handler = new StubHandler(HttpStatusCode.Created, "{}");
        if (Environment.GetEnvironmentVariable(PublishCommand.TokenVariable) is not null) Assert.Ignore($"{PublishCommand.TokenVariable} is set in this environment");
        var (exit, _, error) = Publish(handler, OpenRestaurant);
        Assert.That(exit, Is.EqualTo(2));
        Assert.That(error, Does.Contain("no token"));
        Assert.That(handler.Calls, Is.Empty);
    }
}
