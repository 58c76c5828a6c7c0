namespace Approval.Definitions.Loading;

/// <summary>Small English helpers for the messages analysts and clerks read.</summary>
public static class Wording
{
    /// <summary>The word with its indefinite article: "an integer", "an intake step", "a date".</summary>
    public static string A(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return (word.Length > 0 && "aeiouAEIOU".Contains(word[0], StringComparison.Ordinal) ? "an " : "a ") + word;
    }

    /// <summary>
    /// The Levenshtein distance (insertions, deletions, substitutions) between two strings, for
    /// "did you mean" hints; hand-written because the registry is small and no served package is worth a dependency for it.
    /// </summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>The candidate nearest to <paramref name="given"/> when it is close enough to be a typo (at most a third of its length, at least 2 edits allowed); else null.</summary>
    public static string? Nearest(string given, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(given);
        var allowed = Math.Max(2, given.Length / 3);
        return candidates
            .Select(c => (c, d: EditDistance(given.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(x => x.d <= allowed)
            .OrderBy(x => x.d).ThenBy(x => x.c, StringComparer.Ordinal)
            .Select(x => x.c)
            .FirstOrDefault();
    }
}
