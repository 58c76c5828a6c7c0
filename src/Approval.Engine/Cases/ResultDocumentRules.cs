using Approval.Engine.Cases.Commands;
using Approval.Engine.Cases.Events;

namespace Approval.Engine.Cases;

/// <summary>
/// Checks a result document (证照) before an approval records it: a number and a name, a first day
/// of validity, a last day not before it. Every fault is named by its JSON path under
/// <c>document</c> (<c>document.validTo</c>), all at once.
/// </summary>
internal static class ResultDocumentRules
{
    /// <summary>Longest number, name or file reference accepted: a printed licence never needs more.</summary>
    public const int MaxLength = 200;

    /// <summary>The document to record for an input already checked; null when the approval names none.</summary>
    public static ResultDocument? Recorded(ResultDocumentInput? input) =>
        input is null ? null : Check(input, out var document) is null ? document : throw new InvalidOperationException("The result document was not checked before it was recorded.");

    /// <summary>Null when <paramref name="input"/> is a valid document (then in <paramref name="document"/>), else the refusal naming every fault.</summary>
    public static Refusal? Check(ResultDocumentInput input, out ResultDocument? document)
    {
        document = null;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fault(string field, string message) => errors[$"document.{field}"] = [message];

        if (string.IsNullOrWhiteSpace(input.Number))
        {
            Fault("number", "The document's number is required.");
        }
        else if (input.Number.Trim().Length > MaxLength)
        {
            Fault("number", $"The document's number is at most {MaxLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(input.Name))
        {
            Fault("name", "The document's name is required (e.g. 食品经营许可证).");
        }
        else if (input.Name.Trim().Length > MaxLength)
        {
            Fault("name", $"The document's name is at most {MaxLength} characters.");
        }

        if (input.ValidFrom is null)
        {
            Fault("validFrom", "The first day of validity is required.");
        }
        else if (input.ValidTo is { } to && to < input.ValidFrom)
        {
            Fault("validTo", $"The last day of validity ({to:yyyy-MM-dd}) is before the first ({input.ValidFrom:yyyy-MM-dd}).");
        }

        if (input.FileReference is { } file && (string.IsNullOrWhiteSpace(file) || file.Trim().Length > MaxLength))
        {
            Fault("fileReference", $"The file reference is omitted or 1–{MaxLength} characters.");
        }

        if (errors.Count > 0)
        {
            var code = errors.ContainsKey("document.validTo") && errors.Count == 1 ? RefusalCodes.DocumentValidity : RefusalCodes.DocumentInvalid;
            return Refusal.InvalidFields(code, $"The result document has {errors.Count} fault(s): {string.Join(", ", errors.Keys)}.", errors);
        }

        document = new ResultDocument(input.Number!.Trim(), input.Name!.Trim(), input.ValidFrom!.Value, input.ValidTo, input.FileReference?.Trim());
        return null;
    }
}
