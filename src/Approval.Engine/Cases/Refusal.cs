namespace Approval.Engine.Cases;

/// <summary>Why a command was refused; a refused command produces no event and changes nothing.</summary>
/// <param name="Code">A stable code clients can branch on, one of <see cref="RefusalCodes"/>.</param>
/// <param name="Field">The input field or JSON path at fault, when there is one.</param>
/// <param name="Errors">Every field at fault with its messages, when there are several (一次性告知: all at once).</param>
public sealed record Refusal(RefusalKind Kind, string Code, string Message, string? Field = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public static Refusal InvalidFields(string code, string message, IReadOnlyDictionary<string, string[]> errors) =>
        new(RefusalKind.Invalid, code, message, errors.Keys.FirstOrDefault(), errors);

    /// <summary>Bad input at <paramref name="field"/>.</summary>
    public static Refusal Invalid(string code, FieldPath field, string message) => new(RefusalKind.Invalid, code, message, field.Value);
    public static Refusal NotFound(string code, string message) => new(RefusalKind.NotFound, code, message);
    public static Refusal Conflict(string code, string message) => new(RefusalKind.Conflict, code, message);
    public static Refusal Forbidden(string code, string message) => new(RefusalKind.Forbidden, code, message);
}

/// <summary>The family of a refusal; the API maps each to one HTTP status.</summary>
public enum RefusalKind
{
    /// <summary>Bad input (400).</summary>
    Invalid,

    /// <summary>No such task or case (404).</summary>
    NotFound,

    /// <summary>The case or task is not in a state that allows the command (409).</summary>
    Conflict,

    /// <summary>The actor may not do this, e.g. a clerk of another department (403).</summary>
    Forbidden,
}
