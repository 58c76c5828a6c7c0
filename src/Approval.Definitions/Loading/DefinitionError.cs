namespace Approval.Definitions.Loading;

/// <summary>
/// One finding about a definition file, pointing at the exact place an analyst must look:
/// 1-based <see cref="Line"/> and <see cref="Column"/> (UTF-16 characters, as editors count them)
/// and the <see cref="JsonPath"/> of the offending value (e.g. <c>$.steps[1].branches[2].department</c>).
/// </summary>
/// <remarks>
/// <see cref="Code"/> is stable across releases (see <see cref="ErrorCodes"/>) so that tools and
/// documentation can refer to it; <see cref="Message"/> is plain English with a Chinese gloss
/// and may be reworded. Immutable and thread safe.
/// </remarks>
public sealed record DefinitionError(
    string File,
    int Line,
    int Column,
    string JsonPath,
    string Code,
    string Message,
    Severity Severity = Severity.Error)
{
    /// <summary>MSBuild-style, so CI logs and editors turn it into a clickable annotation.</summary>
    public override string ToString() =>
        $"{File}({Line},{Column}): {(Severity == Severity.Error ? "error" : "warning")} {Code}: {Message} [{JsonPath}]";
}
