using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Approval.Engine.Applicants;

/// <summary>
/// A resident identity card number (居民身份证号码, GB 11643-1999): 6-digit address code,
/// 8-digit birth date (YYYYMMDD), 3-digit sequence (odd = male, even = female) and an
/// ISO 7064 MOD 11-2 check character (0–9 or X).
/// </summary>
/// <remarks>
/// <para>
/// An instance always holds a valid, normalised number (upper-case X, ASCII only); the default
/// value is the only exception and reports <see cref="IsEmpty"/>. Parsing accepts lower-case x,
/// full-width characters and surrounding white space, as typed by clerks with Chinese input
/// methods. The address code is checked for being six digits only: the administrative division
/// list changes every year and holders of residence permits carry codes (81, 82, 83…) outside
/// the province list, so checking it against a list would reject real people.
/// </para>
/// <para>Immutable; safe to share between threads.</para>
/// </remarks>
public readonly struct ResidentIdNumber : IEquatable<ResidentIdNumber>
{
    /// <summary>Number of characters in a resident identity card number.</summary>
    public const int Length = 18;

    /// <summary>Birth years before this are refused as not a real birth date.</summary>
    public const int MinimumBirthYear = 1800;

    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    private readonly string? _value;

    private ResidentIdNumber(string value) => _value = value;

    /// <summary>The normalised 18-character number; empty for the default value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>True only for <c>default(ResidentIdNumber)</c>, which no parser produces.</summary>
    public bool IsEmpty => _value is null;

    /// <summary>The 6-digit address code (行政区划代码) of the place of first registration.</summary>
    public string AddressCode => Value.Length == Length ? Value[..6] : string.Empty;

    /// <summary>The birth date encoded in positions 7–14.</summary>
    public DateOnly BirthDate => Value.Length == Length
        ? DateOnly.ParseExact(Value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture)
        : default;

    /// <summary>The 3-digit sequence code (positions 15–17).</summary>
    public int SequenceCode => Value.Length == Length ? int.Parse(Value.AsSpan(14, 3), CultureInfo.InvariantCulture) : 0;

    /// <summary>True when the sequence code is odd, which GB 11643 assigns to men.</summary>
    public bool IsMale => SequenceCode % 2 == 1;

    /// <summary>The check character (position 18): a digit or <c>X</c>.</summary>
    public char CheckCharacter => Value.Length == Length ? Value[17] : '\0';

    /// <summary>
    /// Parses <paramref name="s"/>, checking length, characters, birth date (a real calendar
    /// date, year ≥ <see cref="MinimumBirthYear"/>) and the check character. Never throws.
    /// </summary>
    /// <param name="s">The text as entered; null is reported as an error.</param>
    /// <param name="value">The parsed number, or default on failure.</param>
    /// <param name="error">Null on success, otherwise a plain message saying what is wrong.</param>
    public static bool TryParse(string? s, out ResidentIdNumber value, [NotNullWhen(false)] out string? error) =>
        TryParse(s, asOf: null, out value, out error);

    /// <summary>
    /// As <see cref="TryParse(string?, out ResidentIdNumber, out string?)"/>, and also refuses a
    /// birth date after <paramref name="asOf"/> (the caller's "today" in the service centre's
    /// time zone; passed in so that the check stays deterministic).
    /// </summary>
    public static bool TryParse(string? s, DateOnly? asOf, out ResidentIdNumber value, [NotNullWhen(false)] out string? error)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(s))
        {
            error = "A resident ID number is required.";
            return false;
        }

        var text = IdentifierText.Normalise(s);
        if (text.Length != Length)
        {
            error = $"A resident ID number has {Length} characters; got {text.Length}.";
            return false;
        }

        for (var i = 0; i < Length - 1; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                error = $"Character at position {i + 1} must be a digit; got {IdentifierText.Describe(text[i])}.";
                return false;
            }
        }

        if (!char.IsAsciiDigit(text[17]) && text[17] != 'X')
        {
            error = $"Character at position 18 must be a digit or X; got {IdentifierText.Describe(text[17])}.";
            return false;
        }

        var birth = text.AsSpan(6, 8);
        if (!DateOnly.TryParseExact(birth, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate)
            || birthDate.Year < MinimumBirthYear)
        {
            error = $"Invalid birth date {birth} (positions 7–14 must be a real date YYYYMMDD).";
            return false;
        }

        if (asOf is { } today && birthDate > today)
        {
            error = $"Birth date {birthDate:yyyy-MM-dd} is in the future (as of {today:yyyy-MM-dd}).";
            return false;
        }

        var expected = ComputeCheckCharacter(text.AsSpan(0, 17));
        if (text[17] != expected)
        {
            error = $"Check character expected {expected} got {text[17]}.";
            return false;
        }

        value = new ResidentIdNumber(text);
        error = null;
        return true;
    }

    /// <summary>Parses or throws <see cref="FormatException"/> with the message of <see cref="TryParse(string?, out ResidentIdNumber, out string?)"/>.</summary>
    public static ResidentIdNumber Parse(string? s) => Parse(s, asOf: null);

    /// <summary>Parses with a not-in-the-future check or throws <see cref="FormatException"/>.</summary>
    public static ResidentIdNumber Parse(string? s, DateOnly? asOf) =>
        TryParse(s, asOf, out var value, out var error) ? value : throw new FormatException(error);

    /// <summary>
    /// The ISO 7064 MOD 11-2 check character for the first 17 characters, which must be ASCII
    /// digits: <c>"10X98765432"[Σ dᵢ·wᵢ mod 11]</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Not exactly 17 ASCII digits.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException($"Expected {Length - 1} digits; got {first17.Length}.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            if (!char.IsAsciiDigit(first17[i]))
            {
                throw new ArgumentException($"Character at position {i + 1} is not a digit.", nameof(first17));
            }

            sum += (first17[i] - '0') * Weights[i];
        }

        return CheckCharacters[sum % 11];
    }

    public bool Equals(ResidentIdNumber other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is ResidentIdNumber other && Equals(other);

    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The normalised number.</summary>
    public override string ToString() => Value;

    public static bool operator ==(ResidentIdNumber left, ResidentIdNumber right) => left.Equals(right);

    public static bool operator !=(ResidentIdNumber left, ResidentIdNumber right) => !left.Equals(right);
}
