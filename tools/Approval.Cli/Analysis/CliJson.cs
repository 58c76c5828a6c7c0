using System.Text.Encodings.Web;
using System.Text.Json;

namespace Approval.Cli.Analysis;

/// <summary>The JSON settings of every machine report: indented, camelCase, Chinese left readable.</summary>
internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // Reports are read by people in CI logs too; 营业执照 beats \u8425\u4E1A\u6267\u7167. Never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
