using Approval.Definitions.Loading;

namespace Approval.Definitions.Elsa;

/// <summary>
/// The outcome of importing one Elsa file: the definition in our language (text and loaded) when
/// there is no problem, otherwise every <see cref="Problems"/> at once.
/// </summary>
public sealed class ElsaImportResult
{
    internal ElsaImportResult(string file, string? definitionId, string? json, LoadResult? loaded, IReadOnlyList<ElsaProblem> problems)
    {
        File = file;
        DefinitionId = definitionId;
        Problems = problems;
        Json = problems.Count == 0 ? json : null;
        Loaded = problems.Count == 0 ? loaded : null;
    }

    public string File { get; }

    /// <summary>The definition id the file maps to (its <c>definitionId</c>, made kebab-case); null when unreadable.</summary>
    public string? DefinitionId { get; }

    /// <summary>The definition file's text (indented JSON) when the import succeeded.</summary>
    public string? Json { get; }

    /// <summary>The validated definition when the import succeeded (warnings, if any, are on it).</summary>
    public LoadResult? Loaded { get; }

    public IReadOnlyList<ElsaProblem> Problems { get; }

    public bool Succeeded => Problems.Count == 0;
}
