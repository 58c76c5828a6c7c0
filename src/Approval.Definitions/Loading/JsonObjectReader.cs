using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;

namespace Approval.Definitions.Loading;

/// <summary>
/// Reads the properties of one JSON object for the loader, reporting every missing, unknown or
/// mistyped property instead of throwing, so a single load can list all problems at once.
/// Typed getters return null when the value is absent or wrong (the finding is already recorded).
/// </summary>
internal sealed class JsonObjectReader
{
    private readonly JObject _object;
    private readonly Diagnostics _diagnostics;

    private JsonObjectReader(JObject obj, string path, Diagnostics diagnostics)
    {
        _object = obj;
        Path = path;
        _diagnostics = diagnostics;
    }

    public string Path { get; }

    /// <summary>Opens <paramref name="token"/> as an object allowing only <paramref name="allowed"/>; null (reported) when it is not an object.</summary>
    public static JsonObjectReader? Open(JToken? token, string path, Diagnostics diagnostics, string what, params string[] allowed)
    {
        if (token is not JObject obj)
        {
            if (token is not null)
            {
                diagnostics.Add(ErrorCodes.WrongType, path, $"{what} must be an object, found {Describe(token)}.");
            }

            return null;
        }

        var reader = new JsonObjectReader(obj, path, diagnostics);
        foreach (var property in obj.Properties())
        {
            if (System.Array.IndexOf(allowed, property.Name) < 0)
            {
                diagnostics.Add(
                    ErrorCodes.UnknownProperty,
                    reader.PathOf(property.Name),
                    $"Unknown property '{property.Name}' in {what}; allowed here: {string.Join(", ", allowed)}.",
                    Anchor.Name);
            }
        }

        return reader;
    }

    public string PathOf(string name) => JsonPaths.Property(Path, name);

    public bool Has(string name) => _object.ContainsKey(name);

    public JToken? Get(string name) => _object.TryGetValue(name, out var token) ? token : null;

    public void ReportMissing(string name, string what, string code = ErrorCodes.MissingProperty) =>
        _diagnostics.Add(code, PathOf(name), $"{what} is missing the required property '{name}'.", Anchor.Parent);

    public string? String(string name, string what, bool required, Regex? pattern = null, string? patternHint = null)
    {
        var token = Get(name);
        if (token is null)
        {
            if (required)
            {
                ReportMissing(name, what);
            }

            return null;
        }

        if (token.Type != JTokenType.String)
        {
            _diagnostics.Add(ErrorCodes.WrongType, PathOf(name), $"'{name}' must be a string, found {Describe(token)}.");
            return null;
        }

        var value = (string)token!;
        if (value.Trim().Length == 0)
        {
            _diagnostics.Add(ErrorCodes.InvalidValue, PathOf(name), $"'{name}' must not be empty.");
            return null;
        }

        if (pattern is not null && !pattern.IsMatch(value))
        {
            _diagnostics.Add(ErrorCodes.InvalidValue, PathOf(name), $"'{name}' is '{value}', but must be {patternHint}.");
            return null;
        }

        return value;
    }

    public int? Integer(string name, int minimum, bool required = false, string? what = null)
    {
        var token = Get(name);
        if (token is null)
        {
            if (required)
            {
                ReportMissing(name, what ?? "The object");
            }

            return null;
        }

        return IntegerValue(token, PathOf(name), name, minimum, _diagnostics);
    }

    public static int? IntegerValue(JToken token, string path, string name, int minimum, Diagnostics diagnostics)
    {
        if (token.Type != JTokenType.Integer)
        {
            diagnostics.Add(ErrorCodes.WrongType, path, $"'{name}' must be a whole number, found {Describe(token)}.");
            return null;
        }

        var value = AsLong(token);
        if (value < minimum || value > int.MaxValue)
        {
            diagnostics.Add(ErrorCodes.InvalidValue, path, $"'{name}' is {token}, but must be a whole number from {minimum} to {int.MaxValue}.");
            return null;
        }

        return (int)value;
    }

    /// <summary>An integer token's value; integers beyond <see cref="long"/> (kept as BigInteger) clamp to its range.</summary>
    public static long AsLong(JToken token) => ((JValue)token).Value switch
    {
        long l => l,
        System.Numerics.BigInteger b => b.Sign < 0 ? long.MinValue : long.MaxValue,
        var other => Convert.ToInt64(other, System.Globalization.CultureInfo.InvariantCulture),
    };

    public bool? Boolean(string name)
    {
        var token = Get(name);
        if (token is null)
        {
            return null;
        }

        if (token.Type != JTokenType.Boolean)
        {
            _diagnostics.Add(ErrorCodes.WrongType, PathOf(name), $"'{name}' must be true or false, found {Describe(token)}.");
            return null;
        }

        return (bool)token;
    }

    public JArray? Array(string name, string what, bool required)
    {
        var token = Get(name);
        if (token is null)
        {
            if (required)
            {
                ReportMissing(name, what);
            }

            return null;
        }

        if (token is not JArray array)
        {
            _diagnostics.Add(ErrorCodes.WrongType, PathOf(name), $"'{name}' must be an array, found {Describe(token)}.");
            return null;
        }

        return array;
    }

    public static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.Integer or JTokenType.Float => $"the number {token}",
        JTokenType.String => $"the string '{token}'",
        JTokenType.Boolean => $"{token.ToString().ToLowerInvariant()}",
        JTokenType.Null => "null",
        _ => token.Type.ToString().ToLowerInvariant(),
    };
}
