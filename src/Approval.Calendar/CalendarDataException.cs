namespace Approval.Calendar;

/// <summary>
/// A calendar file could not be read or its data is inconsistent. The message names the file and,
/// for every problem, the JSON path of the offending value.
/// </summary>
public sealed class CalendarDataException : Exception
{
    public CalendarDataException(string file, IReadOnlyList<CalendarProblem> problems)
        : base(Format(file, problems))
    {
        File = file;
        Problems = problems;
    }

    public CalendarDataException(string file, IReadOnlyList<CalendarProblem> problems, Exception inner)
        : base(Format(file, problems), inner)
    {
        File = file;
        Problems = problems;
    }

    public CalendarDataException() : this("(unknown file)", []) { }

    public CalendarDataException(string message) : base(message)
    {
        File = "(unknown file)";
        Problems = [];
    }

    public CalendarDataException(string message, Exception innerException) : base(message, innerException)
    {
        File = "(unknown file)";
        Problems = [];
    }

    /// <summary>The file's path as it was given to the loader.</summary>
    public string File { get; }

    /// <summary>Each problem with its JSON path.</summary>
    public IReadOnlyList<CalendarProblem> Problems { get; }

    private static string Format(string file, IReadOnlyList<CalendarProblem> problems) =>
        problems.Count == 1
            ? $"{file}: {problems[0].JsonPath}: {problems[0].Message}"
            : $"{file}: {problems.Count} problems:{Environment.NewLine}" + string.Join(Environment.NewLine, problems.Select(p => $"  {p.JsonPath}: {p.Message}"));
}
