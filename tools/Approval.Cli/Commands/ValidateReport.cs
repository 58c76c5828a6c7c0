using System.Text.Json;
using Approval.Cli.Analysis;
using Approval.Definitions.Loading;

namespace Approval.Cli.Commands;

/// <summary>What <c>approval validate</c> prints: one clickable line per finding, or a JSON report for CI.</summary>
internal static class ValidateReport
{
    /// <summary>
    /// One MSBuild-style line per finding (<c>file(line,col): error APV024: … [$.path]</c>, which CI
    /// logs and editors turn into annotations), an ok line per clean file, and a summary line.
    /// </summary>
    public static void WriteText(TextWriter output, IReadOnlyList<LoadResult> results)
    {
        foreach (var result in results)
        {
            foreach (var finding in result.Diagnostics) output.WriteLine(finding.ToString());
            if (result.Succeeded)
            {
                output.WriteLine(result.Warnings.Count == 0 ? $"ok: {result.File}" : $"ok: {result.File} ({result.Warnings.Count} warning(s))");
            }
        }

        var failed = results.Count(r => !r.Succeeded);
        var errors = results.Sum(r => r.Errors.Count);
        var warnings = results.Sum(r => r.Warnings.Count);
        output.WriteLine();
        output.WriteLine($"{results.Count} file(s) checked: {results.Count - failed} valid, {failed} with errors; {errors} error(s), {warnings} warning(s).");
    }

    /// <summary>
    /// A JSON array with one object per file: <c>file</c>, <c>ok</c>, <c>errors</c>, <c>warnings</c>
    /// and <c>findings</c> (<c>severity, code, line, column, path, message</c>) in file order.
    /// Codes, lines, columns and paths are stable; messages may be reworded between releases.
    /// </summary>
    public static void WriteJson(TextWriter output, IReadOnlyList<LoadResult> results)
    {
        var report = results.Select(r => new
        {
            file = r.File,
            ok = r.Succeeded,
            errors = r.Errors.Count,
            warnings = r.Warnings.Count,
            findings = r.Diagnostics.Select(d => new
            {
                severity = d.Severity == Severity.Error ? "error" : "warning",
                code = d.Code,
                line = d.Line,
                column = d.Column,
                path = d.JsonPath,
                message = d.Message,
            }),
        });
        output.WriteLine(JsonSerializer.Serialize(report, CliJson.Options));
    }
}
