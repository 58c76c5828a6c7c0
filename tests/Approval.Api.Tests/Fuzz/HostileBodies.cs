using System.Reflection;
using System.Text;
using System.Text.Json;

namespace Approval.Api.Tests.Fuzz;

/// <summary>A request body to try: its bytes, and the field it attacks (null for the body as a whole).</summary>
internal sealed record HostileBody(string Kind, string? Field, byte[] Bytes, bool Structural)
{
    public override string ToString() => $"{Kind} at {Field ?? "$"} ({Bytes.Length} bytes)";
}

/// <summary>
/// Generates hostile bodies for a request type, from its members as System.Text.Json names them:
/// wrong types per field, nulls in arrays, invalid UTF-8, lone surrogates, 10,000-deep nesting,
/// huge numbers, unknown and duplicate members, 1 MB strings, SQL and script fragments.
/// <see cref="HostileBody.Structural"/> bodies are refused by any reader of JSON, whatever the
/// state of the case; the others (text fragments) are only sent where the case refuses every action.
/// </summary>
internal static class HostileBodies
{
    private static readonly string[] Fragments =
    [
        "'; DROP TABLE Cases; --", "\" OR 1=1 --", "1; DELETE FROM Tasks", "<script>alert(1)</script>",
        "javascript:alert(1)", "{{7*7}}", "${jndi:ldap://127.0.0.1/a}", "../../etc/passwd", "\u0000", "%00%27",
    ];

    private static readonly byte[] InvalidUtf8 = [0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80];

    public static IEnumerable<HostileBody> For(Type? bodyType, Random random)
    {
        foreach (var body in WholeBody(random))
        {
            yield return body;
        }

        if (bodyType is null)
        {
            yield break;
        }

        foreach (var (path, type) in Members(bodyType, "", depth: 0))
        {
            foreach (var (kind, value, structural) in Values(type, random))
            {
                yield return new HostileBody(kind, path, Place(path, value), structural);
            }
        }

        var first = Members(bodyType, "", 0).FirstOrDefault().Path ?? "x";
        yield return new HostileBody("unknown-member", "zzUnknown", Utf8("{\"zzUnknown\":1}"), true);
        yield return new HostileBody("duplicate-member", first, Utf8($"{{\"{first}\":null,\"{first}\":null}}"), true);
    }

    private static IEnumerable<HostileBody> WholeBody(Random random)
    {
        // An empty body is a valid "no comment" for an optional body (approve), so it is only sent where the case refuses all.
        yield return new HostileBody("empty", null, [], false);
        yield return new HostileBody("truncated", null, Utf8("{\"a\":"), true);
        yield return new HostileBody("array", null, Utf8("[null,1]"), true);
        yield return new HostileBody("number", null, Utf8("1e400"), true);
        yield return new HostileBody("string", null, Utf8(Fragments[random.Next(Fragments.Length)].Replace("\"", "", StringComparison.Ordinal) is var f ? JsonSerializer.Serialize(f) : ""), true);
        yield return new HostileBody("invalid-utf8", null, [.. Utf8("{\""), .. InvalidUtf8, .. Utf8("\":1}")], true);
        yield return new HostileBody("deep-nesting", null, Utf8(Deep(10_000)), true);
        yield return new HostileBody("megabyte-string", null, Utf8(JsonSerializer.Serialize(new string((char)('a' + random.Next(26)), 1024 * 1024))), true);
        yield return new HostileBody("bom-junk", null, [0xEF, 0xBB, 0xBF, 0x00, 0x01], true);
    }

    private static IEnumerable<(string Kind, byte[] Value, bool Structural)> Values(Type type, Random random)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var isString = t == typeof(string);
        var isList = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(List<>);
        var isData = t.IsGenericType && t.GetGenericTypeDefinition() == typeof(Dictionary<,>);
        var isNumber = t == typeof(int) || t == typeof(long);
        var isElement = t == typeof(JsonElement);

        if (!isString && !isElement)
        {
            yield return ("wrong-type-string", Utf8("\"zz\""), true);
        }

        if (!isNumber && !isElement)
        {
            yield return ("wrong-type-number", Utf8("42"), true);
        }

        if (t != typeof(bool) && !isElement)
        {
            yield return ("wrong-type-boolean", Utf8("true"), true);
        }

        if (!isList && !isElement)
        {
            yield return ("wrong-type-array", Utf8("[null]"), true);
        }

        if (!isData && !isElement && !IsRecord(t))
        {
            yield return ("wrong-type-object", Utf8("{}"), true);
        }

        yield return ("huge-number", Utf8("1e400"), !isElement);
        yield return ("long-digits", Utf8(new string('9', 400)), !isElement);
        yield return ("deep-nesting", Utf8(Deep(10_000)), true);
        yield return ("invalid-utf8", [(byte)'"', .. InvalidUtf8, (byte)'"'], true);
        yield return ("lone-surrogate", Utf8("\"\\ud800\""), true);
        yield return ("lone-low-surrogate", Utf8("\"x\\udc00\""), true);
        if (isList)
        {
            yield return ("null-in-array", Utf8("[null]"), true);
            yield return ("nulls-after-value", Utf8(IsRecord(t.GetGenericArguments()[0]) ? "[{},null]" : "[\"a\",null,null]"), true);
        }

        if (isData)
        {
            yield return ("data-invalid-utf8", [.. Utf8("{\"seats\":\""), .. InvalidUtf8, .. Utf8("\"}")], true);
            yield return ("data-lone-surrogate", Utf8("{\"district\":\"\\ud800\"}"), true);
            yield return ("data-huge-number", Utf8("{\"businessArea\":1e400}"), true);
            yield return ("data-null-in-array", Utf8("{\"seats\":[null]}"), true);
            yield return ("data-script-key", Utf8("{\"<script>alert(1)</script>\":1}"), true);
            yield return ("data-invalid-utf8-key", [.. Utf8("{\""), .. InvalidUtf8, .. Utf8("\":1}")], true);
        }

        if (isString)
        {
            var fragment = Fragments[random.Next(Fragments.Length)];
            yield return ("fragment", Utf8(JsonSerializer.Serialize(fragment)), false);
            yield return ("megabyte-string", Utf8(JsonSerializer.Serialize(new string('x', 1024 * 1024))), false);
        }
    }

    /// <summary>Members by their JSON names (camelCase), one level into nested records and list elements.</summary>
    private static IEnumerable<(string Path, Type Type)> Members(Type type, string prefix, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.Name != "EqualityContract"))
        {
            var path = prefix + JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            yield return (path, property.PropertyType);
            var inner = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (depth == 0 && IsRecord(inner))
            {
                foreach (var member in Members(inner, path + ".", 1))
                {
                    yield return member;
                }
            }
            else if (depth == 0 && inner.IsGenericType && inner.GetGenericTypeDefinition() == typeof(List<>) && IsRecord(inner.GetGenericArguments()[0]))
            {
                foreach (var member in Members(inner.GetGenericArguments()[0], path + "[0].", 1))
                {
                    yield return member;
                }
            }
        }
    }

    private static bool IsRecord(Type t) => t.IsClass && t != typeof(string) && t.Namespace?.StartsWith("Approval", StringComparison.Ordinal) == true;

    /// <summary>The JSON with <paramref name="value"/> at <paramref name="path"/> (a.b or a[0].b) and nothing else.</summary>
    private static byte[] Place(string path, byte[] value)
    {
        var open = new StringBuilder();
        var close = new StringBuilder();
        foreach (var segment in path.Split('.'))
        {
            var indexed = segment.EndsWith("[0]", StringComparison.Ordinal);
            var name = indexed ? segment[..^3] : segment;
            open.Append("{\"").Append(name).Append("\":");
            close.Insert(0, '}');
            if (indexed)
            {
                open.Append('[');
                close.Insert(0, ']');
            }
        }

        return [.. Utf8(open.ToString()), .. value, .. Utf8(close.ToString())];
    }

    private static string Deep(int depth) => new string('[', depth) + new string(']', depth);

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);
}
