namespace Approval.Engine.Applicants;

/// <summary>
/// Input clean-up shared by the identifier parsers. Clerks type these numbers with Chinese input
/// methods, which often leave the keyboard in full-width mode (１１０１… / Ｘ) or add a stray
/// ideographic space, so those spellings are accepted as the same number rather than rejected.
/// </summary>
internal static class IdentifierText
{
    /// <summary>
    /// Trims surrounding white space (including U+3000), maps full-width ASCII forms
    /// (U+FF01–U+FF5E) to ASCII and upper-cases ASCII letters. Anything else is left alone so that
    /// the parser can report it at its position.
    /// </summary>
    public static string Normalise(string s)
    {
        var trimmed = s.AsSpan().Trim();
        return string.Create(trimmed.Length, trimmed.ToString(), static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = NormaliseChar(source[i]);
            }
        });
    }

    /// <summary>The per-character part of <see cref="Normalise"/>.</summary>
    public static char NormaliseChar(char c)
    {
        if (c is >= '\uFF01' and <= '\uFF5E')
        {
            c = (char)(c - 0xFEE0);
        }

        return c is >= 'a' and <= 'z' ? (char)(c - 'a' + 'A') : c;
    }

    /// <summary>Quotes a character for an error message, spelling out invisible ones.</summary>
    public static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";
}
