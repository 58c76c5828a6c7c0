using System.Text.Json;
using System.Text.RegularExpressions;

namespace Approval.Definitions.Departments;

/// <summary>
/// The departments a definition's tasks may name, read from <c>workflows/departments.json</c>:
/// <c>[{"id": "market-regulation", "name": "市场监管局", "description": "..."}]</c>.
/// </summary>
/// <remarks>Immutable after construction and thread safe.</remarks>
public sealed partial class DepartmentRegistry
{
    private readonly Dictionary<string, Department> _byId;

    public DepartmentRegistry(IEnumerable<Department> departments)
    {
        _byId = new Dictionary<string, Department>(StringComparer.Ordinal);
        foreach (var department in departments)
        {
            if (!_byId.TryAdd(department.Id, department))
            {
                throw new ArgumentException($"Department '{department.Id}' is listed twice.", nameof(departments));
            }
        }

        All = [.. _byId.Values.OrderBy(d => d.Id, StringComparer.Ordinal)];
    }

    /// <summary>An empty registry: every department is unknown.</summary>
    public static DepartmentRegistry Empty { get; } = new([]);

    /// <summary>Every department, ordered by id.</summary>
    public IReadOnlyList<Department> All { get; }

    public bool Contains(string id) => _byId.ContainsKey(id);

    public Department? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Reads a registry file.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid registry; the message lists every problem with its index.</exception>
    public static DepartmentRegistry Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses registry JSON; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="InvalidDataException">The JSON is not a valid registry; the message lists every problem.</exception>
    public static DepartmentRegistry Parse(string json, string file)
    {
        var problems = new List<string>();
        var departments = new List<Department>();
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException($"{file}: the registry must be a JSON array of departments.");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in document.RootElement.EnumerateArray())
            {
                var at = $"{file}: $[{index++}]";
                var id = ReadString(item, "id");
                var name = ReadString(item, "name");
                if (id is null || !IdPattern().IsMatch(id))
                {
                    problems.Add($"{at}: 'id' must be a kebab-case ASCII string such as market-regulation.");
                }
                else if (!seen.Add(id))
                {
                    problems.Add($"{at}: department '{id}' is listed twice.");
                }

                if (name is null)
                {
                    problems.Add($"{at}: 'name' (the Chinese display name) is required.");
                }

                if (id is not null && name is not null)
                {
                    departments.Add(new Department(id, name, ReadString(item, "description")));
                }
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file}: not valid JSON: {ex.Message}", ex);
        }

        return problems.Count == 0
            ? new DepartmentRegistry(departments)
            : throw new InvalidDataException(string.Join(Environment.NewLine, problems));
    }

    private static string? ReadString(JsonElement item, string name) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } s ? s : null;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();
}
