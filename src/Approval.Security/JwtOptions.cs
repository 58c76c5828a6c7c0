using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Approval.Security;

/// <summary>
/// Token settings, bound from the configuration section <c>Authentication:Jwt</c>
/// (<see cref="SectionName"/>); environment variables use <c>Authentication__Jwt__SigningKey</c> etc.
/// </summary>
/// <remarks>
/// <para>
/// <b>Signing key.</b> HS256 with a shared secret of at least 32 bytes. A value starting with
/// <c>base64:</c> is decoded as base64 (generate one with <c>openssl rand -base64 32</c>); any other
/// value is taken as its UTF-8 bytes. The explicit prefix avoids guessing whether a string that
/// happens to be valid base64 was meant literally.
/// </para>
/// <para>
/// <b>The development key rule</b> (enforced by <see cref="SecurityServiceCollectionExtensions.AddApprovalSecurity"/>
/// when the host starts): in the <c>Development</c> environment a missing key means
/// <see cref="DevelopmentSigningKey"/>; in every other environment (Production, Staging, anything
/// else) start-up is refused when the key is missing or equals the development key. A key shorter
/// than 32 bytes is refused everywhere. So "it works on my machine" needs no set-up, and a
/// deployment cannot silently accept tokens anyone can mint from the public repository.
/// </para>
/// <para>A mutable options bag; treat a bound instance as read-only once the host has started.</para>
/// </remarks>
public sealed class JwtOptions
{
    /// <summary>The configuration section: <c>Authentication:Jwt</c>.</summary>
    public const string SectionName = "Authentication:Jwt";

    /// <summary>
    /// The published development key. It is in the source code, so anyone can mint tokens with
    /// it: it is accepted only in the Development environment.
    /// </summary>
    public const string DevelopmentSigningKey = "approval-development-signing-key--not-for-production";

    /// <summary>Minimum signing key length in bytes (HS256 needs 256 bits).</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>Prefix marking a base64-encoded <see cref="SigningKey"/>.</summary>
    public const string Base64Prefix = "base64:";

    /// <summary>Expected <c>iss</c>; minted tokens carry it. Default <c>approval</c>.</summary>
    public string Issuer { get; set; } = "approval";

    /// <summary>Expected <c>aud</c>; minted tokens carry it. Default <c>approval-api</c>.</summary>
    public string Audience { get; set; } = "approval-api";

    /// <summary>Shared HS256 secret: raw text, or <c>base64:…</c>. See the remarks for the rule.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Tolerance for clock differences on <c>exp</c>/<c>nbf</c>. Default 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of minted tokens when the caller gives none. Default 8 hours (a shift).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Decodes <paramref name="signingKey"/> per the rule in the remarks, reporting a plain
    /// message (without the key) when it is unusable.
    /// </summary>
    public static bool TryDecodeKey(string? signingKey, out byte[] key, out string? error)
    {
        key = [];
        if (string.IsNullOrWhiteSpace(signingKey))
        {
            error = $"{SectionName}:SigningKey is not set.";
            return false;
        }

        if (signingKey.StartsWith(Base64Prefix, StringComparison.Ordinal))
        {
            try
            {
                key = Convert.FromBase64String(signingKey[Base64Prefix.Length..].Trim());
            }
            catch (FormatException)
            {
                error = $"{SectionName}:SigningKey starts with '{Base64Prefix}' but the rest is not valid base64.";
                return false;
            }
        }
        else
        {
            key = Encoding.UTF8.GetBytes(signingKey);
        }

        if (key.Length < MinimumKeyBytes)
        {
            error = $"{SectionName}:SigningKey is {key.Length} bytes; HS256 needs at least {MinimumKeyBytes}.";
            key = [];
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>
    /// Checks these options for an environment, returning every problem (empty when usable).
    /// With <paramref name="isDevelopment"/> a missing key is fine (the development key applies);
    /// otherwise a missing key or the development key is a problem.
    /// </summary>
    public IReadOnlyList<string> Validate(bool isDevelopment)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(SigningKey))
        {
            if (!isDevelopment)
            {
                problems.Add(
                    $"{SectionName}:SigningKey is not set. Outside the Development environment a signing key of at least " +
                    $"{MinimumKeyBytes} bytes must be configured (for example the environment variable Authentication__Jwt__SigningKey=" +
                    $"\"{Base64Prefix}$(openssl rand -base64 32)\"); the built-in development key is accepted only in Development.");
            }
        }
        else if (!TryDecodeKey(SigningKey, out var key, out var keyError))
        {
            problems.Add(keyError!);
        }
        else if (!isDevelopment && key.AsSpan().SequenceEqual(Encoding.UTF8.GetBytes(DevelopmentSigningKey)))
        {
            problems.Add(
                $"{SectionName}:SigningKey is the published development key, which is accepted only in the Development environment. " +
                "Configure a secret key of your own.");
        }

        if (string.IsNullOrWhiteSpace(Issuer))
        {
            problems.Add($"{SectionName}:Issuer must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(Audience))
        {
            problems.Add($"{SectionName}:Audience must not be empty.");
        }

        if (ClockSkew < TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:ClockSkew must not be negative; got {ClockSkew}.");
        }

        if (TokenLifetime <= TimeSpan.Zero)
        {
            problems.Add($"{SectionName}:TokenLifetime must be positive; got {TokenLifetime}.");
        }

        return problems;
    }

    /// <summary>
    /// The HS256 key for <see cref="SigningKey"/>, or the development key when it is unset
    /// (callers outside Development have refused that case through <see cref="Validate"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The key is set but unusable.</exception>
    public SymmetricSecurityKey CreateSecurityKey()
    {
        var text = string.IsNullOrWhiteSpace(SigningKey) ? DevelopmentSigningKey : SigningKey;
        return TryDecodeKey(text, out var key, out var error)
            ? new SymmetricSecurityKey(key)
            : throw new InvalidOperationException(error);
    }
}
