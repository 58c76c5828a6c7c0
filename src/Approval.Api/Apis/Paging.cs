using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Approval.Api.Problems;
using Approval.Engine.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>One page of a list: the items, and the cursor for the next page (null on the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>A position in a list ordered by an instant, then by id: the last item a page returned.</summary>
public readonly record struct PageKey(DateTime At, Guid Id);

/// <summary>
/// Keyset paging (docs/api.md, "Paging"): <c>limit</c> and an opaque <c>cursor</c> in, <c>nextCursor</c>
/// out. The cursor names the last item seen, not an offset, so rows added or closed meanwhile neither
/// repeat nor skip the rows after it. It carries the list's name, so a cursor of one list is refused by another.
/// </summary>
internal static class Paging
{
    /// <summary>The limit to use, or a 400 naming <c>limit</c>.</summary>
    public static ProblemHttpResult? Limit(int? limit, int max, out int take, int fallback = 100)
    {
        take = limit ?? Math.Min(fallback, max);
        return limit is < 1 || limit > max ? RefusalProblems.Invalid(RefusalCodes.Limit, new FieldPath("limit"), $"limit must be between 1 and {max}.") : null;
    }

    /// <summary>The position a cursor names, or a 400 naming <c>cursor</c>.</summary>
    public static ProblemHttpResult? Cursor(string? cursor, string list, out PageKey? after)
    {
        after = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        // TryDecodeFromChars throws, rather than answering false, on text that is not base64url at all
        // (`!!`, a lone character): check first, so a hand-made cursor is a 400, not a 500.
        string[] parts = [];
        if (Base64Url.IsValid(cursor, out var length))
        {
            var bytes = new byte[length];
            parts = Base64Url.TryDecodeFromChars(cursor, bytes, out var written) ? Encoding.UTF8.GetString(bytes, 0, written).Split('|') : [];
        }

        if (parts.Length == 3 && parts[0] == list
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks <= DateTime.MaxValue.Ticks
            && Guid.TryParseExact(parts[2], "N", out var id))
        {
            after = new PageKey(new DateTime(ticks, DateTimeKind.Utc), id);
            return null;
        }

        return RefusalProblems.Invalid(RefusalCodes.InvalidCursor, new FieldPath("cursor"), $"cursor is not a nextCursor of this list ({list}); start without one.");
    }

    /// <summary>
    /// A page from <paramref name="rows"/>, fetched with one row more than <paramref name="take"/>: that row's
    /// existence is what says there is a next page.
    /// </summary>
    public static Page<TView> Of<TRow, TView>(IReadOnlyList<TRow> rows, int take, string list, Func<TRow, PageKey> key, Func<TRow, TView> view)
    {
        var items = rows.Take(take).Select(view).ToList();
        var next = rows.Count > take ? Encode(list, key(rows[take - 1])) : null;
        return new Page<TView>(items, next);
    }

    private static string Encode(string list, PageKey key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{list}|{key.At.Ticks.ToString(CultureInfo.InvariantCulture)}|{key.Id:N}"));
}
