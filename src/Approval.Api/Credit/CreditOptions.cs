namespace Approval.Api.Credit;

/// <summary>Which dishonesty list (失信名单) intake consults. Bound from the <c>Credit</c> configuration section (docs/operations.md).</summary>
public sealed class CreditOptions
{
    public const string Section = "Credit";

    /// <summary><c>none</c> (no list: nothing is refused on credit), <c>file</c> or <c>http</c>.</summary>
    public string Source { get; set; } = CreditSources.None;

    /// <summary>For <c>file</c>: a CSV (first column the identifier) or JSON array of identifiers; reread when it changes.</summary>
    public string? File { get; set; }

    /// <summary>For <c>http</c>: the lookup URL; the identifier is appended as a path segment (<c>GET {Url}/{id}</c>).</summary>
    public string? Url { get; set; }

    /// <summary>For <c>http</c>: how long a lookup may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>The values of <see cref="CreditOptions.Source"/>.</summary>
public static class CreditSources
{
    public const string None = "none";
    public const string File = "file";
    public const string Http = "http";

    public static IReadOnlyList<string> All { get; } = [None, File, Http];
}

/// <summary>Settings of the follow-up work issue 15 adds. Bound from the <c>FollowUp</c> configuration section.</summary>
public sealed class FollowUpOptions
{
    public const string Section = "FollowUp";

    /// <summary>The limit of the rectification task a bad rating opens (差评整改), in working days.</summary>
    public int RectificationWorkingDays { get; set; } = 10;
}
