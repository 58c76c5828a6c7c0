using Approval.Definitions.Departments;
using Approval.Definitions.Loading;
using Approval.Definitions.Model;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Approval.Definitions.Elsa;

/// <summary>
/// Writes a validated definition as an Elsa 3 workflow definition that Elsa Studio imports: a
/// Flowchart root with <c>Elsa.Start</c>, a <c>Elsa.RunTask</c> per department item (and for
/// intake and delivery), <c>FlowFork</c>/<c>FlowJoin</c> per parallel block, <c>FlowDecision</c> or
/// <c>FlowSwitch</c> per decision with JavaScript conditions, a nested Flowchart per sequence, a
/// guarding FlowDecision per <c>when</c>, and designer positions from the diagram layout.
/// </summary>
/// <remarks>
/// Lossless: every property of the source that Elsa cannot express is kept verbatim under
/// <see cref="ElsaFormat.CustomKey"/> in the matching <c>customProperties</c>, so
/// <see cref="ElsaImporter"/> gives back the same canonical JSON. Stateless and thread safe.
/// </remarks>
public static class ElsaExporter
{
    /// <summary>The Elsa document of a loaded definition.</summary>
    /// <exception cref="ArgumentException">The definition did not load (it has errors).</exception>
    public static JObject Export(LoadResult loaded, DepartmentRegistry departments, ElsaExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        ArgumentNullException.ThrowIfNull(departments);
        if (loaded.Definition is null || loaded.CanonicalJson is null
            || !NewtonsoftParsing.TryParse(loaded.CanonicalJson, out var root, out _) || root is not JObject source)
        {
            throw new ArgumentException($"'{loaded.File}' has errors; only a definition that validates can be exported.", nameof(loaded));
        }

        return new ElsaExportWriter(loaded.Definition, source, new ElsaPositions(loaded.Definition, departments)).Write(options ?? new ElsaExportOptions());
    }

    /// <summary>As <see cref="Export"/>, as indented JSON text.</summary>
    public static string ExportText(LoadResult loaded, DepartmentRegistry departments, ElsaExportOptions? options = null) =>
        Export(loaded, departments, options).ToString(Formatting.Indented);

    /// <summary>The file name an export of <paramref name="definitionId"/> is written to.</summary>
    public static string FileName(string definitionId) => $"{definitionId}.elsa.json";
}
