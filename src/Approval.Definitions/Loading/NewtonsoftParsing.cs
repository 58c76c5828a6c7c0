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
    public static JToken Parse(string json)
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
