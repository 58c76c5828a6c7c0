using System.CommandLine;
using System.Text;
using Approval.Definitions.Diagrams;
using Approval.Cli.Analysis;
using Approval.Cli.Analysis.Diagram;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval diagram FILE [-o out.svg] [--mermaid]</c>: a picture of the flow drawn from its
/// block structure — SVG by default, or a Mermaid flowchart.
/// </summary>
/// <remarks>Exit codes: 0 drawn, 1 invalid definition or unwritable output, 2 bad arguments.</remarks>
internal static class DiagramCommand
{
    private const int Ok = 0, DataError = 1;

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The definition file, e.g. workflows/open-restaurant.json." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of stdout.", HelpName = "FILE" };
        var mermaid = new Option<bool>("--mermaid") { Description = "Print a Mermaid flowchart instead of SVG." };
        var departments = DepartmentsOption.Create();
        var command = new Command("diagram", "Draw a definition's flow as SVG (or Mermaid): sequences stack, parallel branches stand side by side, decisions branch from a diamond.");
        command.Arguments.Add(file);
        command.Options.Add(output);
        command.Options.Add(mermaid);
        command.Options.Add(departments);

        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var loaded = DefinitionSource.LoadValid(parse.GetValue(file)!, parse.GetValue(departments), error, out var registry);
            if (loaded?.Definition is not { } definition) return DataError;

            var text = parse.GetValue(mermaid) ? MermaidWriter.Write(definition, registry) : SvgWriter.Write(definition, registry);
            if (parse.GetValue(output) is { } target)
            {
                try
                {
                    File.WriteAllText(target, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error.WriteLine($"error: cannot write {target}: {e.Message}");
                    return DataError;
                }

                error.WriteLine($"wrote {target}");
            }
            else
            {
                parse.InvocationConfiguration.Output.WriteLine(text);
            }

            return Ok;
        });
        return command;
    }
}
