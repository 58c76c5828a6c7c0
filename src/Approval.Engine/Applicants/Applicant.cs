namespace Approval.Engine.Applicants;

/// <summary>Whether an applicant is a natural person or an organisation.</summary>
public enum ApplicantKind
{
    /// <summary>A natural person, identified by a resident ID number (居民身份证号码).</summary>
    Person = 1,

    /// <summary>An organisation, identified by a unified social credit code (统一社会信用代码).</summary>
    Organisation = 2,
}

/// <summary>
/// The applicant (申请人) of a case, as recorded at intake: who they are, by an identifier whose
/// check character has been verified, and how to reach them.
/// </summary>
/// <remarks>
/// <para>
/// Only <see cref="TryCreate(ApplicantKind, string?, string?, string?, out Applicant?, out IReadOnlyList{ValueTuple{string, string}})"/>
/// makes instances, so every <see cref="Applicant"/> holds a valid, normalised identifier
/// (<see cref="ResidentIdNumber"/> for a person, <see cref="UnifiedSocialCreditCode"/> for an
/// organisation), a non-empty trimmed name and, when given, a plausible phone number.
/// The birth date is checked to be a real date but not against "today": the engine has no clock.
/// </para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
public sealed record Applicant
{
    /// <summary>Longest accepted name; organisation names run long but not this long.</summary>
    public const int MaxNameLength = 200;

    private Applicant(ApplicantKind kind, string id, string name, string? phone)
    {
        Kind = kind;
        Id = id;
        Name = name;
        Phone = phone;
    }

    /// <summary>Person or organisation.</summary>
    public ApplicantKind Kind { get; }

    /// <summary>The normalised identifier: an 18-character resident ID number or credit code.</summary>
    public string Id { get; }

    /// <summary>The applicant's name, trimmed.</summary>
    public string Name { get; }

    /// <summary>Contact phone, trimmed, or null when none was given.</summary>
    public string? Phone { get; }

    /// <summary>
    /// Validates every field and reports all problems at once (so the window clerk can correct
    /// them in one go). Field names are <c>kind</c>, <c>id</c>, <c>name</c> and <c>phone</c>,
    /// as the API spells them.
    /// </summary>
    /// <returns>True with a non-null <paramref name="applicant"/> and no errors; otherwise false
    /// with a null applicant and at least one error.</returns>
    public static bool TryCreate(
        ApplicantKind kind,
        string? id,
        string? name,
        string? phone,
        out Applicant? applicant,
        out IReadOnlyList<(string Field, string Message)> errors)
    {
        var problems = new List<(string Field, string Message)>();
        string? normalisedId = null;

        switch (kind)
        {
            case ApplicantKind.Person:
                if (ResidentIdNumber.TryParse(id, out var person, out var personError))
                {
                    normalisedId = person.Value;
                }
                else
                {
                    problems.Add(("id", personError));
                }

                break;
            case ApplicantKind.Organisation:
                if (UnifiedSocialCreditCode.TryParse(id, out var organisation, out var organisationError))
                {
                    normalisedId = organisation.Value;
                }
                else
                {
                    problems.Add(("id", organisationError));
                }

                break;
            default:
                problems.Add(("kind", $"Unknown applicant kind {(int)kind}; expected Person or Organisation."));
                break;
        }

        var trimmedName = name?.Trim();
        if (string.IsNullOrEmpty(trimmedName))
        {
            problems.Add(("name", "A name is required."));
        }
        else if (trimmedName.Length > MaxNameLength)
        {
            problems.Add(("name", $"A name has at most {MaxNameLength} characters; got {trimmedName.Length}."));
        }
        else if (trimmedName.Any(char.IsControl))
        {
            problems.Add(("name", "A name must not contain control characters."));
        }

        var trimmedPhone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        if (trimmedPhone is not null && PhoneError(trimmedPhone) is { } phoneError)
        {
            problems.Add(("phone", phoneError));
        }

        if (problems.Count > 0)
        {
            applicant = null;
            errors = problems;
            return false;
        }

        applicant = new Applicant(kind, normalisedId!, trimmedName!, trimmedPhone);
        errors = [];
        return true;
    }

    /// <summary>As the full overload, without a phone number.</summary>
    public static bool TryCreate(
        ApplicantKind kind,
        string? id,
        string? name,
        out Applicant? applicant,
        out IReadOnlyList<(string Field, string Message)> errors) =>
        TryCreate(kind, id, name, phone: null, out applicant, out errors);

    // Deliberately loose: mobiles (138 0013 8000), landlines with area code and extension
    // (0591-8888 8888 转 12 is typed as 0591-88888888-12), service numbers (12345) and
    // +86 prefixes all occur at a window; the point is to catch typos such as letters or a
    // digit count no phone has, not to police formatting.
    private static string? PhoneError(string phone)
    {
        var digits = 0;
        for (var i = 0; i < phone.Length; i++)
        {
            var c = phone[i];
            if (char.IsAsciiDigit(c))
            {
                digits++;
            }
            else if (c is not (' ' or '-' or '(' or ')') && !(c == '+' && i == 0))
            {
                return $"Character at position {i + 1} is not allowed in a phone number; got {IdentifierText.Describe(c)}.";
            }
        }

        return digits is < 5 or > 20 ? $"A phone number has 5 to 20 digits; got {digits}." : null;
    }
}
