using System.CommandLine;

namespace Approval.Cli.Commands;

/// <summary><c>--format text|json</c>, shared by the analyst commands that have a machine report.</summary>
internal static class FormatOption
{
    public const string Text = "text", Json = "json";

    public static Option<string> Create()
    {
        var option = new Option<string>("--format") { Description = "Output: text for people, json for CI and scripts.", DefaultValueFactory = _ => Text, HelpName = "text|json" };
        option.AcceptOnlyFromAmong(Text, Json);
        return option;
    }
}

/// <summary><c>--departments FILE</c>: the registry to check department ids against.</summary>
internal static class DepartmentsOption
{
    public static Option<string?> Create() => new("--departments")
    {
        Description = "Department registry to check department ids against (default: the nearest departments.json or workflows/departments.json above the file, else above the current directory, else this repository's workflows/).",
        HelpName = "FILE",
    };
}
