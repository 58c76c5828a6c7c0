using System.Text.Json;
using System.Threading.Channels;
using Approval.Persistence;
using Approval.Persistence.Cases;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Approval.Api.Screen;

/// <summary>
/// With several service nodes on one PostgreSQL database, carries each node's live changes to the
/// others: after a command commits here, its changes go out as one <c>NOTIFY approval_live</c>; a
/// dedicated connection LISTENs and passes every other node's changes to this node's
/// <see cref="LiveFeed"/>, so a screen connected to node B sees what was committed through node A.
/// </summary>
/// <remarks>
/// Off the command path: commits only queue their changes (bounded; a burst drops the oldest), and a
/// failed send or a broken listening connection loses changes, never a command — the pages refetch the
/// figures on every heartbeat, the polling fallback. The listener reconnects after
/// <see cref="Reconnect"/>. Does nothing on SQLite or SQL Server (one node per SQLite file).
/// </remarks>
internal sealed class PostgresLiveRelay(LiveFeed feed, IOptions<DatabaseOptions> database, ILogger<PostgresLiveRelay> logger)
    : BackgroundService, ICaseCommitObserver
{
    /// <summary>The notification channel every node listens on.</summary>
    public const string ChannelName = "approval_live";

    public static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);

    // NOTIFY payloads must stay under 8000 bytes: a change is about 250.
    private const int ChangesPerNotification = 20;

    private readonly Guid _node = Guid.NewGuid();
    private readonly Channel<LiveChange[]> _outgoing = Channel.CreateBounded<LiveChange[]>(
        new BoundedChannelOptions(1024) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private bool Enabled => string.Equals(database.Value.Provider, DatabaseProvider.PostgreSql, StringComparison.OrdinalIgnoreCase);

    public void Committed(CommittedCase commit)
    {
        if (!Enabled)
        {
            return;
        }

        var changes = LiveFeed.ChangesOf(commit).ToArray();
        if (changes.Length > 0)
        {
            _outgoing.Writer.TryWrite(changes);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Enabled ? Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken)) : Task.CompletedTask;

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        var batch = new List<LiveChange>();
        while (await _outgoing.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < ChangesPerNotification && _outgoing.Reader.TryRead(out var changes))
            {
                batch.AddRange(changes);
            }

            try
            {
                await using var connection = new NpgsqlConnection(database.Value.ConnectionString);
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                foreach (var chunk in batch.Chunk(ChangesPerNotification))
                {
                    await using var command = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                    command.Parameters.AddWithValue("channel", ChannelName);
                    command.Parameters.AddWithValue("payload", JsonSerializer.Serialize(new LiveMessage(_node, chunk), JsonSerializerOptions.Web));
                    await command.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning(ex, "Could not pass {Count} live change(s) to the other nodes; their screens catch up on the next heartbeat.", batch.Count);
            }
        }
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Keepalive, so a listening connection whose server went away is noticed and replaced.
                var builder = new NpgsqlConnectionStringBuilder(database.Value.ConnectionString) { KeepAlive = 30 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
                connection.Notification += (_, e) => Received(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChannelName}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
                }

                while (true)
                {
                    await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException or IOException)
            {
                logger.LogWarning(ex, "The live feed's listening connection failed; reconnecting in {Delay}.", Reconnect);
                await Task.Delay(Reconnect, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    private void Received(string payload)
    {
        LiveMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<LiveMessage>(payload, JsonSerializerOptions.Web);
        }
        catch (JsonException ex)
        {
            logger.LogWarning(ex, "Ignored a live notification that is not a change list.");
            return;
        }

        // This node's own commits reached its feed directly.
        if (message is null || message.Node == _node)
        {
            return;
        }

        foreach (var change in message.Changes)
        {
            feed.Publish(change);
        }
    }

    /// <summary>One notification: the node that committed, and its changes.</summary>
    private sealed record LiveMessage(Guid Node, IReadOnlyList<LiveChange> Changes);
}
