using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Approval.Api.Tests.Fuzz;

/// <summary>
/// The fuzz suite (issue 12): hostile bodies against every mutating route of the real service, each
/// answered without a 5xx, as a problem with a kebab code (a 400 naming a field), and with no row of any
/// table changed. Routes come from the endpoint data source, so a new route is fuzzed without being listed.
/// Deterministic: the seed (APPROVAL_FUZZ_SEED, or a fixed default) is printed; the same seed sends the same bodies.
/// </summary>
public partial class HostileBodyTests
{
    private const int DefaultSeed = 20261202;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Kebab();

    private sealed record Target(Guid CaseId, Guid TaskId);

    [Test]
    public async Task No_hostile_body_on_any_mutating_route_is_a_5xx_or_changes_a_row()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("APPROVAL_FUZZ_SEED"), out var s) ? s : DefaultSeed;
        TestContext.Progress.WriteLine($"fuzz: seed {seed} (set APPROVAL_FUZZ_SEED to repeat another run)");
        var random = new Random(seed);
        using var app = new ApprovalApp();
        using var client = Superuser(app);

        // A running case with an open task, where only bodies no JSON reader accepts are sent; and a withdrawn one,
        // whose every action is refused, for text that a running case might legitimately store.
        var open = await NewCase(app);
        var closed = await NewCase(app);
        var withdrawn = await app.Window().PostJsonAsync($"/api/cases/{closed.CaseId}/withdraw", new { reason = "fuzz" });
        Assert.That((int)withdrawn.StatusCode, Is.EqualTo(200), await withdrawn.Content.ReadAsStringAsync());

        var routes = MutatingRoutes(app);
        Assert.That(routes, Has.Count.GreaterThanOrEqualTo(19), "the endpoint listing found the mutating routes");
        var failures = new List<string>();
        var tried = 0;
        var watch = Stopwatch.StartNew();
        var before = await SettledSnapshot(app.DatabasePath);
        foreach (var (method, pattern, bodyType) in routes)
        {
            var bodies = HostileBodies.For(bodyType, random).OrderBy(_ => random.Next()).ToList();
            foreach (var body in bodies)
            {
                foreach (var target in new[] { open, closed })
                {
                    // Without a body parameter the body is never read, so the action itself would run on an open case.
                    if (target == open && (bodyType is null || !body.Structural))
                    {
                        continue;
                    }

                    var url = Url(pattern, target);
                    using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = Json(body.Bytes) };
                    using var response = await client.SendAsync(request);
                    tried++;
                    var problem = await Check(response, body);
                    if (problem is not null)
                    {
                        failures.Add($"{method} {url} {body}: {problem}");
                    }
                }
            }

            var after = Snapshot(app.DatabasePath);
            if (after != before)
            {
                var changed = after.Split(';').Except(before.Split(';')).Select(t => t.Split('=')[0]);
                failures.Add($"{method} {pattern}: rows changed in {string.Join(", ", changed)}");
                before = after;
            }
        }

        TestContext.Progress.WriteLine($"fuzz: {tried} hostile bodies on {routes.Count} mutating routes in {watch.Elapsed.TotalSeconds:F1} s, seed {seed}, {failures.Count} failures");
        Assert.That(failures, Is.Empty, string.Join("\n", failures.Take(40)));
        Assert.That(tried, Is.GreaterThan(500), "the generator produced bodies");
    }

    /// <summary>What is wrong with the answer, or null.</summary>
    private static async Task<string?> Check(HttpResponseMessage response, HostileBody body)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status >= 500 || status < 400)
        {
            return $"{status} {Cut(text)}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} not a problem: {Cut(text)}";
        }

        var json = JsonNode.Parse(text)!;
        var code = (string?)json["code"];
        if (code is null || !Kebab().IsMatch(code) || (string?)json["type"] != $"urn:approval:problem:{code}")
        {
            return $"{status} without a kebab code and urn type: {Cut(text)}";
        }

        if (status == 400)
        {
            var keys = json["errors"]?.AsObject().Select(p => p.Key).ToList() ?? [];
            if (keys.Count == 0)
            {
                return $"400 naming no field: {Cut(text)}";
            }

            // A fault the JSON reader found is named where it is.
            if (code == "malformed-body" && body.Field is { } field && !keys.Any(k => k.StartsWith(field.Split('[')[0], StringComparison.Ordinal)))
            {
                return $"400 naming {string.Join(", ", keys)}, not {field}: {Cut(text)}";
            }
        }

        return null;
    }

    private static string Cut(string text) => text.Length > 300 ? text[..300] + "…" : text;

    private static ByteArrayContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>Every role a person can hold, in the department of the targeted tasks: authorization lets every body through to be read.</summary>
    private static HttpClient Superuser(ApprovalApp app)
    {
        var client = app.CreateClient();
        var clerk = new Clerk("fuzz@fire-rescue", "fuzz", [ClerkRoles.WindowClerk, ClerkRoles.DepartmentClerk, ClerkRoles.Supervisor, ClerkRoles.Analyst], "fire-rescue");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", app.Services.GetRequiredService<TokenIssuer>().Issue(clerk));
        return client;
    }

    private static async Task<Target> NewCase(ApprovalApp app)
    {
        var started = await app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var fire = started["tasks"]!.AsArray().Single(t => (string)t!["department"]! == "fire-rescue")!;
        return new Target((Guid)started["id"]!, (Guid)fire["id"]!);
    }

    private static string Url(string pattern, Target target) => Regex.Replace(pattern, "\\{([a-zA-Z]+)(:[a-z]+)?\\}", m => m.Groups[1].Value switch
    {
        "caseId" => target.CaseId.ToString(),
        "taskId" => target.TaskId.ToString(),
        "materialId" => "lease",
        _ => Guid.NewGuid().ToString(),
    });

    private static List<(string Method, string Pattern, Type? BodyType)> MutatingRoutes(ApprovalApp app) =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (Method: m, Pattern: "/" + (e.RoutePattern.RawText ?? "").Trim('/'), Body: e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType)))
            .Where(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE" && r.Pattern.StartsWith("/api/", StringComparison.Ordinal))
            .Distinct()
            .OrderBy(r => r.Pattern, StringComparer.Ordinal),
    ];

    /// <summary>
    /// The snapshot once the set-up's own background work (alert dispatch, counter folding, timers)
    /// has settled: two readings a fold interval apart agree, so a later change is the fuzzed route's.
    /// A second apart was not enough: the counters fold every 5 s (CounterFoldingService.Interval),
    /// so the set-up's deltas could be folded while the first route was fuzzed.
    /// </summary>
    private static async Task<string> SettledSnapshot(string databasePath)
    {
        var last = Snapshot(databasePath);
        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(6));
            var now = Snapshot(databasePath);
            if (now == last)
            {
                return now;
            }

            last = now;
        }

        Assert.Fail("the database did not settle within 60 s of the set-up");
        return last;
    }

    /// <summary>
    /// A hash of every row of every table of the service's database. Hangfire's own tables, should a storage
    /// put them here, are left out: they move with wall time and hold no case data.
    /// </summary>
    private static string Snapshot(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        // One hash per table, so a failure names the tables that changed.
        var digests = new List<string>();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var table in tables.Where(t => !t.StartsWith("hangfire", StringComparison.OrdinalIgnoreCase)))
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY 1";
            using var reader = select.ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                rows++;
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    hash.AppendData(Encoding.UTF8.GetBytes($"{reader.GetValue(i)}\u001f"));
                }
            }

            hash.AppendData(Encoding.UTF8.GetBytes($"{rows}"));
            digests.Add($"{table}={Convert.ToHexString(hash.GetHashAndReset())}");
        }

        return string.Join(';', digests);
    }
}
