using System.Text;
using System.Text.RegularExpressions;

namespace Approval.Cli.Tests.Docs;

/// <summary>
/// The <c>approval …</c> command lines of a Markdown page: every line of a fenced block that
/// starts with <c>approval</c> (or chains one after <c>&amp;&amp;</c>), with <c>\</c> continuations
/// joined and trailing <c># comments</c> cut, split into arguments the way a shell would.
/// </summary>
public static partial class DocCommands
{
    public sealed record Line(int LineNumber, string Text, IReadOnlyList<string> Before, IReadOnlyList<string> Args, string? RedirectTo);

    public static IReadOnlyList<Line> Extract(string markdown)
    {
        var lines = markdown.Split('\n');
        var result = new List<Line>();
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fenced = !fenced;
                continue;
            }

            if (!fenced) continue;
            var number = i + 1;
            var text = line;
            while (text.EndsWith('\\') && i + 1 < lines.Length) text = text[..^1] + " " + lines[++i].TrimEnd('\r').Trim();
            text = StripComment(text).Trim();

            var parts = text.Split("&&", StringSplitOptions.TrimEntries);
            var approval = parts.Select((p, index) => (p, index)).FirstOrDefault(x => x.p.StartsWith("approval ", StringComparison.Ordinal) || x.p == "approval");
            if (approval.p is null) continue;
            var args = Split(approval.p).Skip(1).ToList();
            string? redirect = null;
            var at = args.IndexOf(">");
            if (at >= 0)
            {
                redirect = args[at + 1];
                args = args[..at];
            }

            result.Add(new Line(number, text, parts[..approval.index], args, redirect));
        }

        return result;
    }

    private static string StripComment(string text)
    {
        var match = Comment().Match(text);
        return match.Success ? text[..match.Index] : text;
    }

    /// <summary>Whitespace-separated words; single and double quotes group, as in a shell.</summary>
    public static IReadOnlyList<string> Split(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        char? quote = null;
        var inWord = false;
        foreach (var c in text)
        {
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else current.Append(c);
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(current.ToString());
                current.Clear();
                inWord = false;
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }

        if (inWord) words.Add(current.ToString());
        return words;
    }

    [GeneratedRegex(@"\s+#\s")]
    private static partial Regex Comment();
}
