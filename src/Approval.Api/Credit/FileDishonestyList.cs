using System.Text.Json;
using Approval.Engine.Cases.Commands;
using Microsoft.Extensions.Logging;

namespace Approval.Api.Credit;

/// <summary>
/// The dishonesty list as a data file: a JSON array of identifiers, or a CSV whose first column is
/// the identifier (a header row and <c>#</c> comments are skipped). The file is reread when its
/// write time or length changes, checked at most once per lookup, so an operator replaces it
/// without a restart; a file that cannot be read answers <see cref="CreditStanding.Unknown"/>.
/// </summary>
/// <remarks>Thread safe: the loaded set is swapped whole.</remarks>
public sealed class FileDishonestyList(string path, ILogger<FileDishonestyList> logger) : IDishonestyList
{
    private readonly Lock _gate = new();
    private Snapshot? _snapshot;

    public Task<CreditStanding> LookUpAsync(string kind, string id, CancellationToken cancellationToken)
    {
        var snapshot = Current();
        if (snapshot is null)
        {
            return Task.FromResult(CreditStanding.Unknown);
        }

        return Task.FromResult(snapshot.Ids.Contains(CreditIdentifiers.Normalise(id)) ? CreditStanding.Listed : CreditStanding.Clear);
    }

    private Snapshot? Current()
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                logger.LogWarning("Dishonesty list file {Path} does not exist; approval on commitment is refused until it does.", path);
                return null;
            }

            var stamp = (info.LastWriteTimeUtc, info.Length);
            if (_snapshot is { } known && known.Stamp == stamp)
            {
                return known;
            }

            lock (_gate)
            {
                if (_snapshot is { } again && again.Stamp == stamp)
                {
                    return again;
                }

                var loaded = new Snapshot(stamp, Read(path));
                _snapshot = loaded;
                logger.LogInformation("Dishonesty list {Path} loaded: {Count} identifiers.", path, loaded.Ids.Count);
                return loaded;
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            logger.LogWarning(ex, "Dishonesty list file {Path} could not be read; approval on commitment is refused until it can.", path);
            return null;
        }
    }

    private static HashSet<string> Read(string path)
    {
        var text = File.ReadAllText(path);
        IEnumerable<string> ids = text.TrimStart().StartsWith('[')
            ? JsonSerializer.Deserialize<List<string>>(text) ?? []
            : text.Split('\n')
                .Select(line => line.Trim())
                .Where(line => line.Length > 0 && !line.StartsWith('#'))
                .Select(line => line.Split(',')[0].Trim().Trim('"'))
                .Where(first => !first.Equals("id", StringComparison.OrdinalIgnoreCase));
        return ids.Where(i => !string.IsNullOrWhiteSpace(i)).Select(CreditIdentifiers.Normalise).ToHashSet(StringComparer.Ordinal);
    }

    private sealed record Snapshot((DateTime, long) Stamp, HashSet<string> Ids);
}
