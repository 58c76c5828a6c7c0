namespace Approval.Definitions.Diagrams;

/// <summary>
/// A font-free estimate of how wide a label renders, good enough to size boxes: Chinese and other
/// full-width characters take a full em, Latin about half of one.
/// </summary>
internal static class TextMetrics
{
    public const double FontSize = 13;

    public static double Width(string text, double fontSize = FontSize)
    {
        double width = 0;
        foreach (var c in text)
        {
            width += c >= '\u2E80' || char.IsSurrogate(c) ? fontSize : c is 'i' or 'l' or '.' or ',' or ' ' or ':' ? fontSize * 0.33 : fontSize * 0.6;
        }

        return width;
    }
}
