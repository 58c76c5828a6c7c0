using Approval.Engine.Applicants;
using FsCheck;
using FsCheck.Fluent;

namespace Approval.Engine.Tests.Applicants;

/// <summary>Generators of valid identifiers and of single-character corruptions of them.</summary>
internal static class IdentifierGenerators
{
    private static readonly DateOnly EarliestBirth = new(1900, 1, 1);
    private static readonly DateOnly LatestBirth = new(2025, 12, 31);

    public static Gen<string> ResidentIdBody =>
        from address in Gen.Choose(110000, 829999)
        from day in Gen.Choose(0, LatestBirth.DayNumber - EarliestBirth.DayNumber)
        from sequence in Gen.Choose(0, 999)
        select $"{address:D6}{EarliestBirth.AddDays(day):yyyyMMdd}{sequence:D3}";

    public static Gen<string> ValidResidentId =>
        ResidentIdBody.Select(body => body + ResidentIdNumber.ComputeCheckCharacter(body));

    private static Gen<char> AlphabetChar => Gen.Elements(UnifiedSocialCreditCode.Alphabet.ToCharArray());

    private static Gen<char> Digit => Gen.Elements("0123456789".ToCharArray());

    public static Gen<string> CreditCodeBody =>
        from head in AlphabetChar.ArrayOf(2)
        from division in Digit.ArrayOf(6)
        from organisation in AlphabetChar.ArrayOf(9)
        select new string([.. head, .. division, .. organisation]);

    public static Gen<string> ValidCreditCode =>
        CreditCodeBody.Select(body => body + UnifiedSocialCreditCode.ComputeCheckCharacter(body));

    /// <summary>
    /// Replacement characters: printable ASCII, full-width forms, CJK, white space and control
    /// characters — everything a clerk's keyboard or a bad copy-paste can produce.
    /// </summary>
    private static Gen<char> AnyReplacement => Gen.OneOf(
        Gen.Choose(0x20, 0x7E).Select(i => (char)i),
        Gen.Choose(0xFF01, 0xFF5E).Select(i => (char)i),
        Gen.Elements('中', '〇', '一', '\u3000', '\t', '\0', '\u0660', '٣'));

    /// <summary>
    /// Mirrors the documented normalisation (upper case, full-width to ASCII): a replacement
    /// that normalises back to the original is the same number spelled differently, not a
    /// corruption.
    /// </summary>
    public static bool SameAfterNormalisation(char replacement, char original)
    {
        if (replacement is >= '\uFF01' and <= '\uFF5E')
        {
            replacement = (char)(replacement - 0xFEE0);
        }

        return char.ToUpperInvariant(replacement) == original;
    }

    /// <summary>A valid value from <paramref name="valid"/> with exactly one character replaced.</summary>
    public static Gen<(string Original, string Corrupted, int Position)> Corrupted(Gen<string> valid) =>
        (from original in valid
         from position in Gen.Choose(0, 17)
         from replacement in AnyReplacement
         select (original, replacement, position))
        .Where(t => !SameAfterNormalisation(t.replacement, t.original[t.position]))
        .Select(t => (t.original, string.Concat(t.original.AsSpan(0, t.position), t.replacement.ToString(), t.original.AsSpan(t.position + 1)), t.position + 1));

    /// <summary>A valid value with two adjacent, different characters swapped.</summary>
    public static Gen<(string Original, string Swapped)> AdjacentSwap(Gen<string> valid) =>
        (from original in valid
         from position in Gen.Choose(0, 16)
         select (original, position))
        .Where(t => t.original[t.position] != t.original[t.position + 1])
        .Select(t =>
        {
            var chars = t.original.ToCharArray();
            (chars[t.position], chars[t.position + 1]) = (chars[t.position + 1], chars[t.position]);
            return (t.original, new string(chars));
        });
}
