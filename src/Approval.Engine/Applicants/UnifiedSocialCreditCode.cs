using System.Diagnostics.CodeAnalysis;

namespace Approval.Engine.Applicants;

/// <summary>
/// A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters over the
/// 31-symbol alphabet <c>0123456789ABCDEFGHJKLMNPQRTUWXY</c> (no I, O, S, V, Z) —
/// registration authority (1), organisation type (1), administrative division (6 digits),
/// organisation code (9) and a MOD 31 check character (1).
/// </summary>
/// <remarks>
/// <para>
/// An instance always holds a valid, normalised code (upper case, ASCII only); the default value
/// is the only exception and reports <see cref="IsEmpty"/>. Parsing accepts lower case,
/// full-width characters and surrounding white space. Positions 3–8 must be digits because the
/// standard defines them as a GB/T 2260 division code; the registration authority and
/// organisation type are not checked against their lists, which the authorities extend.
/// </para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
public readonly struct UnifiedSocialCreditCode : IEquatable<UnifiedSocialCreditCode>
{
    /// <summary>Number of characters in a unified social credit code.</summary>
    public const int Length = 18;

    /// <summary>The 31 symbols of the code, in the order of their values 0–30.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private readonly string? _value;

    private UnifiedSocialCreditCode(string value) => _value = value;

    /// <summary>The normalised 18-character code; empty for the default value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>True only for <c>default(UnifiedSocialCreditCode)</c>, which no parser produces.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>Registration authority code (登记管理部门代码), position 1.</summary>
    public char RegistrationAuthority => Value.Length == Length ? Value[0] : '\0';

    /// <summary>Organisation type code (机构类别代码), position 2.</summary>
    public char OrganisationType => Value.Length == Length ? Value[1] : '\0';

    /// <summary>Administrative division code of the registering authority, positions 3–8.</summary>
    public string DivisionCode => Value.Length == Length ? Value[2..8] : string.Empty;

    /// <summary>Organisation code (主体标识码, GB 11714), positions 9–17.</summary>
    public string OrganisationCode => Value.Length == Length ? Value[8..17] : string.Empty;

    /// <summary>The check character, position 18.</summary>
    public char CheckCharacter => Value.Length == Length ? Value[17] : '\0';

    /// <summary>
    /// Parses <paramref name="s"/>, checking length, alphabet, the numeric division code and the
    /// check character. Never throws.
    /// </summary>
    /// <param name="s">The text as entered; null is reported as an error.</param>
    /// <param name="value">The parsed code, or default on failure.</param>
    /// <param name="error">Null on success, otherwise a plain message saying what is wrong.</param>
    public static bool TryParse(string? s, out UnifiedSocialCreditCode value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(s))
        {
            error = "A unified social credit code is required.";
            return false;
        }

        var text = IdentifierText.Normalise(s);
        if (text.Length != Length)
        {
            error = $"A unified social credit code has {Length} characters; got {text.Length}.";
            return false;
        }

        for (var i = 0; i < Length; i++)
        {
            var c = text[i];
            if (i is >= 2 and <= 7)
            {
                if (!char.IsAsciiDigit(c))
                {
                    error = $"Character at position {i + 1} must be a digit (division code); got {IdentifierText.Describe(c)}.";
                    return false;
                }
            }
            else if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                error = $"Character at position {i + 1} is not allowed; got {IdentifierText.Describe(c)} (allowed: {Alphabet}).";
                return false;
            }
        }

        var expected = ComputeCheckCharacter(text.AsSpan(0, 17));
        if (text[17] != expected)
        {
            error = $"Check character expected {expected} got {text[17]}.";
            return false;
        }

        value = new UnifiedSocialCreditCode(text);
        error = null;
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> with the message of <see cref="TryParse"/>.</summary>
    public static UnifiedSocialCreditCode Parse(string? s) =>
        TryParse(s, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>
    /// The check character for the first 17 characters, which must be upper-case symbols of
    /// <see cref="Alphabet"/>: <c>Alphabet[(31 − Σ vᵢ·wᵢ mod 31) mod 31]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Not exactly 17 symbols of the alphabet.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException($"Expected {Length - 1} characters; got {first17.Length}.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var v = Alphabet.IndexOf(first17[i], StringComparison.Ordinal);
            if (v < 0)
            {
                throw new ArgumentException($"Character at position {i + 1} is not in the alphabet.", nameof(first17));
            }

            sum += v * Weights[i];
        }

        return Alphabet[(31 - (sum % 31)) % 31];
    }

    public bool Equals(UnifiedSocialCreditCode other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is UnifiedSocialCreditCode other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The normalised code.</summary>
    public override string ToString() => Value;

    public static bool operator ==(UnifiedSocialCreditCode left, UnifiedSocialCreditCode right) => left.Equals(right);

    public static bool operator !=(UnifiedSocialCreditCode left, UnifiedSocialCreditCode right) => !left.Equals(right);
}
