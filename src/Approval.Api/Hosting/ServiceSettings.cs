using Microsoft.Extensions.Configuration.Json;

namespace Approval.Api.Hosting;

/// <summary>
/// Makes the service read its own <c>appsettings.json</c> and <c>appsettings.{Environment}.json</c>
/// (copied beside the assembly at build) wherever it is started from. <c>dotnet run</c> starts it
/// in the repository root (so <c>data/</c> and <c>workflows/</c> resolve as documented), where the
/// default content-root files do not exist: without this the log filter is lost.
/// </summary>
internal static class ServiceSettings
{
    /// <summary>
    /// Inserts the assembly folder's settings files just below the content root's, so precedence
    /// stays: shipped files &lt; files in the working directory &lt; user secrets &lt; environment
    /// variables &lt; command line. Does nothing when the content root is the assembly folder.
    /// </summary>
    public static void AddServiceSettingsFiles(this ConfigurationManager configuration, IHostEnvironment environment)
    {
        var own = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        if (string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(environment.ContentRootPath)), own, StringComparison.Ordinal))
        {
            return;
        }

        // ConfigurationManager rebuilds its providers whenever its source list changes.
        var sources = ((IConfigurationBuilder)configuration).Sources;
        var first = sources.Select((s, i) => (s, i)).FirstOrDefault(p => p.s is JsonConfigurationSource).i;
        var index = sources.Any(s => s is JsonConfigurationSource) ? first : 0;
        sources.Insert(index, Json(Path.Combine(own, $"appsettings.{environment.EnvironmentName}.json")));
        sources.Insert(index, Json(Path.Combine(own, "appsettings.json")));
    }

    private static JsonConfigurationSource Json(string path)
    {
        var source = new JsonConfigurationSource { Path = path, Optional = true, ReloadOnChange = false };
        source.ResolveFileProvider();
        return source;
    }
}
