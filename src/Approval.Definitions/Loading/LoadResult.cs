using System.Text.Json;
using System.Text.Json.Serialization;
using Approval.Definitions.Model;

namespace Approval.Definitions.Loading;

/// <summary>
/// The outcome of loading one definition file. <see cref="Definition"/> is set exactly when
/// there are no <see cref="Errors"/>; <see cref="Warnings"/> never block it.
/// <see cref="ContentHash"/> identifies the content for versioning: equal hashes mean the same
/// definition, whatever the formatting, key order or <c>$schema</c>.
/// </summary>
/// <remarks>Immutable and thread safe.</remarks>
public sealed class LoadResult
{
    private static readonly JsonSerializerOptions ReportOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public LoadResult(string file, WorkflowDefinition? definition, IReadOnlyList<DefinitionError> diagnostics, string? canonicalJson, string? contentHash)
    {
        File = file;
        Diagnostics = diagnostics;
        Errors = [.. diagnostics.Where(d => d.Severity == Severity.Error)];
        Warnings = [.. diagnostics.Where(d => d.Severity == Severity.Warning)];
        Definition = Errors.Count == 0 ? definition : null;
        CanonicalJson = canonicalJson;
        ContentHash = contentHash;
    }

    /// <summary>The file name given to the loader, as it appears in every finding.</summary>
    public string File { get; }

    /// <summary>The validated definition, or null when there is any error.</summary>
    public WorkflowDefinition? Definition { get; }

    public bool Succeeded => Definition is not null;

    /// <summary>Every finding, errors and warnings, in file order (line, column, code).</summary>
    public IReadOnlyList<DefinitionError> Diagnostics { get; }

    /// <summary>The findings that block publishing.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    /// <summary>The findings shown to the analyst that do not block publishing.</summary>
    public IReadOnlyList<DefinitionError> Warnings { get; }

    /// <summary>Compact JSON with sorted keys and without <c>$schema</c>; null when the file is not JSON.</summary>
    public string? CanonicalJson { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="CanonicalJson"/>; null when the file is not JSON.</summary>
    public string? ContentHash { get; }

    /// <summary>A machine-readable report (file, ok, contentHash, diagnostics) for tools, CI and snapshots.</summary>
    public string ToJsonReport() => JsonSerializer.Serialize(
        new
        {
            file = File,
            ok = Succeeded,
            contentHash = ContentHash,
            diagnostics = Diagnostics.Select(d => new { d.Severity, d.Code, d.Line, d.Column, path = d.JsonPath, d.Message }),
        },
        ReportOptions);
}
