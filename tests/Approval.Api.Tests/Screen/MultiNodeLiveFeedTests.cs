using System.Net;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Testing;

namespace Approval.Api.Tests.Screen;

/// <summary>
/// Two service nodes on one PostgreSQL cluster: the live feed (server-sent events) of node B shows a
/// case started through node A, carried by LISTEN/NOTIFY (<c>PostgresLiveRelay</c>).
/// </summary>
public class MultiNodeLiveFeedTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Test]
    public async Task The_feed_on_node_B_shows_a_case_started_through_node_A()
    {
        if (PostgresServer.CreateDatabase() is not { } connectionString)
        {
            Assert.Ignore($"Skipped: needs a PostgreSQL server. {PostgresServer.Unavailable}");
            return;
        }

        using var nodeA = new ApprovalApp(new() { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = connectionString });
        _ = nodeA.CreateClient();
        using var nodeB = new ApprovalApp(new() { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = connectionString, ["Supervision:Enabled"] = "false" });

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        using var boss = nodeB.ClientAs(ClerkRoles.Supervisor, null, "boss");
        using var live = await boss.GetAsync("/api/supervision/live", HttpCompletionOption.ResponseHeadersRead, stop.Token);
        Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var reader = new StreamReader(await live.Content.ReadAsStreamAsync(stop.Token));
        var lines = new List<string>();
        var pending = reader.ReadLineAsync(stop.Token).AsTask();

        // Node B's listener connects while it starts; a case started before it listens is not heard,
        // so a few cases are started in turn, each given a few seconds to arrive.
        var startedOnA = new List<string>();
        string? heard = null;
        for (var attempt = 0; attempt < 5 && heard is null; attempt++)
        {
            var started = await nodeA.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
            startedOnA.Add((string)started["id"]!);
            var until = DateTime.UtcNow + Wait;
            while (heard is null && DateTime.UtcNow < until)
            {
                if (await Task.WhenAny(pending, Task.Delay(until - DateTime.UtcNow, stop.Token)) != pending)
                {
                    break;
                }

                var line = await pending ?? throw new AssertionException($"node B's feed ended; it said: {string.Join(" | ", lines)}");
                lines.Add(line);
                heard = startedOnA.FirstOrDefault(id => line.StartsWith("data:", StringComparison.Ordinal) && line.Contains(id, StringComparison.OrdinalIgnoreCase) && line.Contains("case-started", StringComparison.Ordinal));
                pending = reader.ReadLineAsync(stop.Token).AsTask();
            }
        }

        Assert.That(heard, Is.Not.Null, $"node B's feed never showed a case started on node A ({string.Join(", ", startedOnA)}); it said: {string.Join(" | ", lines)}");
        Assert.That(lines, Has.Some.EqualTo("event: case-started"));
        await stop.CancelAsync();
    }
}
