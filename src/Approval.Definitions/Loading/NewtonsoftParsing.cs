using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Approval.Definitions.Loading;

/// <summary>Parses definition text into a JToken the way the loader and the schema need it.</summary>
internal static class NewtonsoftParsing
{
    /// <summary>
    /// Dates stay strings (a 'YYYY-MM-DD' value is data, not a DateTime to be re-rendered) and
    /// decimals keep their digits, so the canonical form is exactly what the analyst wrote.
    /// </summary>
    /// <summary>
    /// Parses text that the strict reader already accepted; fails only on numbers it cannot hold
    /// (e.g. <c>1e400</c>), which System.Text.Json accepts as syntax.
    /// </summary>
    public static bool TryParse(string json, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out JToken? root, out (int Line, int Column, string Reason) failure)
    {
        try
        {
            root = Parse(json);
            failure = default;
            return true;
        }
        catch (JsonReaderException ex)
        {
            root = null;
            failure = (Math.Max(ex.LineNumber, 1), Math.Max(ex.LinePosition, 1), ex.Message.Split(" Path '")[0]);
            return false;
        }
    }

    private static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            FloatParseHandling = FloatParseHandling.Decimal,
            MaxDepth = 64,
        };
        return JToken.ReadFrom(reader, new JsonLoadSettings { CommentHandling = CommentHandling.Ignore, LineInfoHandling = LineInfoHandling.Ignore });
    }
}
