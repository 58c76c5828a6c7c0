using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Approval.Calendar;

/// <summary>
/// Reads calendar files (<c>workflows/calendars/YYYY.json</c>, format in <c>docs/calendar.md</c> and
/// <c>calendar.schema.json</c>). Every problem is reported with the file and the JSON path, and a
/// file is never partly accepted.
/// </summary>
/// <remarks>Stateless and thread safe. This is the only part of the library that touches the file system.</remarks>
public static partial class CalendarLoader
{
    private static readonly HashSet<string> TopLevel = ["$schema", "year", "source", "notes", "holidays", "makeUpWorkingDays"];
    private static readonly HashSet<string> HolidayProperties = ["name", "from", "to", "notes"];
    private static readonly HashSet<string> MakeUpProperties = ["date", "name", "notes"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads one year's file.</summary>
    /// <exception cref="CalendarDataException">The file is missing, is not JSON, or its data is inconsistent.</exception>
    public static CalendarYear LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CalendarDataException(path, [new("$", $"cannot read the file: {e.Message}")], e);
        }

        return Parse(text, path);
    }

    /// <summary>
    /// Reads every <c>YYYY.json</c> file in <paramref name="directory"/> (other files, such as the
    /// schema, are ignored). The year inside each file must match its name.
    /// </summary>
    /// <exception cref="CalendarDataException">Any file is bad; the first bad file is reported.</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static IReadOnlyList<CalendarYear> LoadDirectory(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"Calendar directory not found: {directory}");
        var years = new List<CalendarYear>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!YearFileName().IsMatch(name)) continue;
            var year = LoadFile(file);
            if (year.Year != int.Parse(name, CultureInfo.InvariantCulture))
                throw new CalendarDataException(file, [new("$.year", $"the file is named {name}.json but holds year {year.Year}")]);
            years.Add(year);
        }

        return years;
    }

    /// <summary>Parses a calendar file's text; <paramref name="fileName"/> is only used in messages.</summary>
    /// <exception cref="CalendarDataException">The text is not JSON or its data is inconsistent.</exception>
    public static CalendarYear Parse(string json, string fileName)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, position {e.BytePositionInLine + 1})" : "";
            throw new CalendarDataException(fileName, [new(string.IsNullOrEmpty(e.Path) ? "$" : e.Path, $"not valid JSON{where}: {FirstSentence(e.Message)}")], e);
        }

        using (document)
        {
            var problems = new List<CalendarProblem>();
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new CalendarDataException(fileName, [new("$", "the file must hold one JSON object")]);

            CheckProperties(root, "$", TopLevel, problems);
            var year = 0;
            if (!root.TryGetProperty("year", out var yearElement)) problems.Add(new("$.year", "year is required"));
            else if (yearElement.ValueKind != JsonValueKind.Number || !yearElement.TryGetInt32(out year)) problems.Add(new("$.year", "year must be a whole number such as 2026"));

            string? source = null;
            if (root.TryGetProperty("source", out var sourceElement))
            {
                if (sourceElement.ValueKind == JsonValueKind.String) source = sourceElement.GetString();
                else problems.Add(new("$.source", "source must be a string"));
            }

            var holidays = new List<Holiday>();
            foreach (var (item, path) in Items(root, "holidays", problems))
            {
                CheckProperties(item, path, HolidayProperties, problems);
                var name = ReadString(item, path, "name", problems);
                var from = ReadDate(item, path, "from", problems);
                var to = ReadDate(item, path, "to", problems);
                if (name is not null && from is { } f && to is { } t) holidays.Add(new Holiday(name, f, t));
            }

            var makeUps = new List<MakeUpWorkingDay>();
            foreach (var (item, path) in Items(root, "makeUpWorkingDays", problems))
            {
                CheckProperties(item, path, MakeUpProperties, problems);
                var date = ReadDate(item, path, "date", problems);
                var name = ReadString(item, path, "name", problems);
                if (name is not null && date is { } d) makeUps.Add(new MakeUpWorkingDay(d, name));
            }

            // Cross-entry checks only make sense once every entry parsed; their paths then match the file's indexes.
            if (problems.Count == 0) problems.AddRange(new CalendarYear(year, holidays, makeUps, source).Validate());
            if (problems.Count > 0) throw new CalendarDataException(fileName, problems);
            return new CalendarYear(year, holidays, makeUps, source);
        }
    }

    private static IEnumerable<(JsonElement Item, string Path)> Items(JsonElement root, string property, List<CalendarProblem> problems)
    {
        if (!root.TryGetProperty(property, out var array))
        {
            problems.Add(new($"$.{property}", $"{property} is required (use [] for none)"));
            yield break;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            problems.Add(new($"$.{property}", $"{property} must be an array"));
            yield break;
        }

        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            var path = $"$.{property}[{i++}]";
            if (item.ValueKind != JsonValueKind.Object) problems.Add(new(path, "each entry must be an object"));
            else yield return (item, path);
        }
    }

    private static void CheckProperties(JsonElement element, string path, HashSet<string> known, List<CalendarProblem> problems)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
                problems.Add(new($"{path}.{property.Name}", $"unknown property '{property.Name}' (expected one of: {string.Join(", ", known)})"));
        }
    }

    private static string? ReadString(JsonElement item, string path, string property, List<CalendarProblem> problems)
    {
        if (!item.TryGetProperty(property, out var value)) { problems.Add(new($"{path}.{property}", $"{property} is required")); return null; }
        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString())) { problems.Add(new($"{path}.{property}", $"{property} must be a non-empty string")); return null; }
        return value.GetString();
    }

    private static DateOnly? ReadDate(JsonElement item, string path, string property, List<CalendarProblem> problems)
    {
        if (!item.TryGetProperty(property, out var value)) { problems.Add(new($"{path}.{property}", $"{property} is required")); return null; }
        if (value.ValueKind == JsonValueKind.String &&
            DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        problems.Add(new($"{path}.{property}", $"{property} must be a date written YYYY-MM-DD, got {value.GetRawText()}"));
        return null;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex YearFileName();
}
