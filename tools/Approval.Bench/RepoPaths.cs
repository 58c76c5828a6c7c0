namespace Approval.Bench;

/// <summary>Finds the repository (the folder holding <c>workflows/departments.json</c>) from the working directory or the binaries.</summary>
public static class RepoPaths
{
    public static string Root { get; } = Find();

    public static string Workflows => Path.Combine(Root, "workflows");

    public static string Calendars => Path.Combine(Workflows, "calendars");

    /// <summary>The service's built DLL: Release when it exists (measurements), otherwise Debug (CI smoke runs build Debug).</summary>
    public static string ServiceDll(string? configuration = null)
    {
        foreach (var config in configuration is null ? ["Release", "Debug"] : new[] { configuration })
        {
            var dll = Path.Combine(Root, "src", "Approval.Api", "bin", config, "net10.0", "Approval.Api.dll");
            if (File.Exists(dll))
            {
                return dll;
            }
        }

        throw new FileNotFoundException($"Approval.Api.dll is not built under {Root}/src/Approval.Api/bin; run `dotnet build src/Approval.Api -c Release` first.");
    }

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "workflows", "departments.json")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new DirectoryNotFoundException("The repository (workflows/departments.json) was not found above the working directory or the binaries.");
    }
}
