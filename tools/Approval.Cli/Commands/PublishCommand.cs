using System.CommandLine;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Approval.Cli.Analysis;
using Approval.Definitions.Departments;
using Approval.Definitions.Loading;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval publish FILE… --url … --token …</c>: validates every file locally, and only when
/// all are valid POSTs each to <c>{url}/api/workflows</c> as <c>{"definition": {…}}</c>, printing
/// the version it landed on. An invalid file is refused before any HTTP call, so a broken
/// definition never reaches the service.
/// </summary>
/// <remarks>
/// Exit codes: 0 every file published (or already published with identical content), 1 invalid
/// file, unreachable service or a refusal by the service, 2 bad arguments. The token may also come
/// from the <c>APPROVAL_TOKEN</c> environment variable so it stays out of shell history.
/// </remarks>
internal static class PublishCommand
{
    private const int Ok = 0, Failed = 1, UsageError = 2;
    public const string TokenVariable = "APPROVAL_TOKEN";

    /// <summary>The command; <paramref name="handler"/> replaces the network in tests.</summary>
    public static Command Create(Func<HttpMessageHandler>? handler = null)
    {
        var files = new Argument<string[]>("files") { Description = "Definition files to publish.", Arity = ArgumentArity.OneOrMore };
        var url = new Option<string>("--url") { Description = "Base address of the Approval API.", DefaultValueFactory = _ => "http://localhost:5080", HelpName = "URL" };
        var token = new Option<string?>("--token") { Description = $"Bearer token (see 'approval token'); default: ${TokenVariable}.", HelpName = "TOKEN" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for each answer.", DefaultValueFactory = _ => 30, HelpName = "SECONDS" };
        var departments = DepartmentsOption.Create();
        var command = new Command("publish", "Validate definitions locally, then publish them to the service as new immutable versions.");
        command.Arguments.Add(files);
        foreach (var option in new Option[] { url, token, timeout, departments }) command.Options.Add(option);

        command.SetAction(async (parse, cancellation) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var bearer = parse.GetValue(token) ?? Environment.GetEnvironmentVariable(TokenVariable);
            if (!Uri.TryCreate(parse.GetValue(url), UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
            {
                error.WriteLine($"error: --url '{parse.GetValue(url)}' is not an http(s) address such as http://localhost:5080.");
                return UsageError;
            }

            // Every file is checked before anything is sent: a bundle of related definitions goes out whole or not at all.
            var valid = new List<(LoadResult Result, string Text)>();
            var cache = new Dictionary<string, DepartmentRegistry>(StringComparer.Ordinal);
            var refused = false;
            foreach (var file in parse.GetValue(files) ?? [])
            {
                if (Check(file, parse.GetValue(departments), cache, error) is { } ok) valid.Add(ok);
                else refused = true;
            }

            if (refused)
            {
                error.WriteLine("error: nothing was published; fix the errors above and run publish again.");
                return Failed;
            }

            if (string.IsNullOrWhiteSpace(bearer))
            {
                error.WriteLine($"error: no token; pass --token T or set {TokenVariable} (mint one with 'approval token').");
                return UsageError;
            }

            using var client = handler is null ? new HttpClient() : new HttpClient(handler(), disposeHandler: true);
            client.Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout)));
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            var endpoint = new Uri(baseUri, baseUri.AbsolutePath.TrimEnd('/') + "/api/workflows");
            var failures = 0;
            foreach (var (result, text) in valid)
            {
                if (!await Post(client, endpoint, result, text, output, error, cancellation).ConfigureAwait(false)) failures++;
            }

            return failures == 0 ? Ok : Failed;
        });
        return command;
    }

    private static (LoadResult, string)? Check(string file, string? registry, Dictionary<string, DepartmentRegistry> cache, TextWriter error)
    {
        if (!File.Exists(file))
        {
            error.WriteLine($"error: no such file: {file}");
            return null;
        }

        LoadResult result;
        try
        {
            result = DefinitionSource.Load(file, registry, cache);
        }
        catch (InvalidDataException e)
        {
            error.WriteLine($"error: {e.Message}");
            return null;
        }

        foreach (var finding in result.Diagnostics) error.WriteLine(finding.ToString());
        if (!result.Succeeded)
        {
            error.WriteLine($"error: refusing to publish {file}: {result.Errors.Count} validation error(s).");
            return null;
        }

        return (result, File.ReadAllText(file));
    }

    private static async Task<bool> Post(HttpClient client, Uri endpoint, LoadResult result, string text, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var body = new JsonObject { ["definition"] = JsonNode.Parse(text.TrimStart('\uFEFF')) };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await client.PostAsync(endpoint, content, cancellation).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            error.WriteLine($"error: cannot reach {endpoint} to publish {result.File}: {e.Message}");
            return false;
        }
        catch (TaskCanceledException) when (!cancellation.IsCancellationRequested)
        {
            error.WriteLine($"error: {endpoint} did not answer within {client.Timeout.TotalSeconds:0} s while publishing {result.File}.");
            return false;
        }

        using (response)
        {
            var answer = await response.Content.ReadAsStringAsync(cancellation).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                error.WriteLine($"error: the service refused {result.File}: {(int)response.StatusCode} {response.ReasonPhrase}{Problem(answer)}");
                return false;
            }

            output.WriteLine(Landed(result, answer));
            return true;
        }
    }

    /// <summary>The service's answer {id, version, created} in one line; tolerant of extra or missing members.</summary>
    private static string Landed(LoadResult result, string answer)
    {
        try
        {
            var node = JsonNode.Parse(answer) as JsonObject;
            var id = node?["id"]?.ToString() ?? result.Definition!.Id;
            var version = node?["version"]?.ToString() ?? "?";
            var restored = node?["restoredFrom"] is { } from && from.GetValueKind() == JsonValueKind.Number ? from.ToString() : null;
            var created = node?["created"]?.GetValueKind() switch
            {
                JsonValueKind.True when restored is not null => $" (new latest version, restoring the content of version {restored}: a rollback)",
                JsonValueKind.True => " (new version)",
                JsonValueKind.False => " (unchanged: this content is already the latest version)",
                _ => "",
            };
            return $"published {result.File}: {id} version {version}{created}";
        }
        catch (JsonException)
        {
            return $"published {result.File} (the service answered without a version: {answer})";
        }
    }

    /// <summary>The title and detail of an RFC 9457 problem, else the raw body.</summary>
    private static string Problem(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "";
        try
        {
            if (JsonNode.Parse(body) is JsonObject problem && (problem["title"] ?? problem["detail"]) is not null)
            {
                var extra = problem["errors"] is { } errors ? $" {errors.ToJsonString()}" : "";
                return $": {problem["title"]}{(problem["detail"] is { } d ? $" — {d}" : "")}{extra}";
            }
        }
        catch (JsonException)
        {
            // not JSON: show it as is
        }

        return $": {body}";
    }
}
