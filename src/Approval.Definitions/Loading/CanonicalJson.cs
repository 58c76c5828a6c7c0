using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Approval.Definitions.Loading;

/// <summary>
/// The canonical form a definition's version is keyed on: compact JSON with object keys in
/// ordinal order and the top-level <c>$schema</c> dropped, so that reformatting, reordering keys
/// or moving the schema file makes no new version. Array order is meaningful and kept.
/// </summary>
internal static class CanonicalJson
{
    public static string Write(JToken root)
    {
        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using (var writer = new JsonTextWriter(text) { Formatting = Formatting.None })
        {
            WriteToken(writer, root, isRoot: true);
        }

        return text.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of the UTF-8 canonical text.</summary>
    public static string Hash(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    private static void WriteToken(JsonWriter writer, JToken token, bool isRoot)
    {
        switch (token)
        {
            case JObject obj:
                writer.WriteStartObject();
                foreach (var property in obj.Properties().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (isRoot && property.Name == "$schema")
                    {
                        continue;
                    }

                    writer.WritePropertyName(property.Name);
                    WriteToken(writer, property.Value, isRoot: false);
                }

                writer.WriteEndObject();
                break;
            case JArray array:
                writer.WriteStartArray();
                foreach (var item in array)
                {
                    WriteToken(writer, item, isRoot: false);
                }

                writer.WriteEndArray();
                break;
            default:
                token.WriteTo(writer);
                break;
        }
    }
}
