using System.CommandLine;
using System.Text;
using Approval.Cli.Analysis;
using Approval.Definitions.Departments;
using Approval.Definitions.Elsa;

namespace Approval.Cli.Commands;

/// <summary>
/// <c>approval elsa export FILE|DIR [-o OUT]</c> and <c>approval elsa import FILE|DIR [-o DIR]</c>:
/// definitions as Elsa 3 workflow definitions for Elsa Studio, and Elsa exports back (docs/elsa.md).
/// </summary>
/// <remarks>
/// Exit codes: 0 every file converted, 1 any file invalid or unwritable (the others are still
/// converted, every problem is reported), 2 bad arguments.
/// </remarks>
internal static class ElsaCommand
{
    private const int Ok = 0, DataError = 1, UsageError = 2;
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static Command Create()
    {
        var command = new Command("elsa", "Carry definitions to and from Elsa 3 (Elsa Studio's workflow-definition JSON).");
        command.Subcommands.Add(Export());
        command.Subcommands.Add(Import());
        return command;
    }

    /// <summary>The exit code when <paramref name="given"/> cannot be converted as asked (said on <paramref name="error"/>), or null to go on.</summary>
    private static int? RefuseSource(TextWriter error, string given, string? target, bool isDirectory, string folderNeedsOutput)
    {
        if (!isDirectory && !File.Exists(given))
        {
            error.WriteLine($"error: no such file or folder: {given}");
            return DataError;
        }

        if (isDirectory && target is null)
        {
            error.WriteLine($"error: {folderNeedsOutput}.");
            return UsageError;
        }

        return null;
    }

    private static Command Export()
    {
        var path = new Argument<string>("path") { Description = "A definition file, or a folder of them (e.g. workflows/)." };
        var output = new Option<string?>("--output", "-o") { Description = "The file to write (one definition) or the folder (each as <id>.elsa.json); default stdout for one file.", HelpName = "OUT" };
        var departments = DepartmentsOption.Create();
        var command = new Command("export", "Write each definition as an Elsa 3 workflow definition that Elsa Studio imports.");
        command.Arguments.Add(path);
        command.Options.Add(output);
        command.Options.Add(departments);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var given = parse.GetValue(path)!;
            var target = parse.GetValue(output);
            var isDirectory = Directory.Exists(given);
            if (RefuseSource(error, given, target, isDirectory, "exporting a folder needs -o DIR for the exported files") is { } refused)
            {
                return refused;
            }

            var files = isDirectory ? DefinitionSource.Expand([given]) : [given];
            var exit = Ok;
            foreach (var file in files)
            {
                var loaded = DefinitionSource.LoadValid(file, parse.GetValue(departments), error, out var registry);
                if (loaded?.Definition is not { } definition)
                {
                    exit = DataError;
                    continue;
                }

                var text = ElsaExporter.ExportText(loaded, registry) + "\n";
                var destination = target is null ? null
                    : isDirectory || Directory.Exists(target) ? Path.Combine(target, ElsaExporter.FileName(definition.Id)) : target;
                if (!Write(destination, text, parse.InvocationConfiguration.Output, error))
                {
                    exit = DataError;
                }
            }

            return exit;
        });
        return command;
    }

    private static Command Import()
    {
        var path = new Argument<string>("path") { Description = "An Elsa workflow-definition JSON file, or a folder of them." };
        var output = new Option<string?>("--output", "-o") { Description = "The folder to write each definition to, as <id>.json; default stdout for one file.", HelpName = "DIR" };
        var departments = DepartmentsOption.Create();
        var command = new Command("import", "Read Elsa 3 workflow definitions into the definition language, validated; every problem names the activity, its type and JSON path.");
        command.Arguments.Add(path);
        command.Options.Add(output);
        command.Options.Add(departments);
        command.SetAction(parse =>
        {
            var error = parse.InvocationConfiguration.Error;
            var given = parse.GetValue(path)!;
            var target = parse.GetValue(output);
            var isDirectory = Directory.Exists(given);
            if (RefuseSource(error, given, target, isDirectory, "importing a folder needs -o DIR for the definitions") is { } refused)
            {
                return refused;
            }

            DepartmentRegistry registry;
            try
            {
                var registryFile = parse.GetValue(departments) ?? DefinitionSource.FindRegistry(given)
                    ?? throw new InvalidDataException($"no departments.json found for {given}; pass --departments FILE.");
                registry = DepartmentRegistry.Load(registryFile);
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                error.WriteLine($"error: {e.Message}");
                return DataError;
            }

            var files = isDirectory ? Directory.GetFiles(given, "*.json").Order(StringComparer.Ordinal).ToArray() : [given];
            var exit = Ok;
            foreach (var file in files)
            {
                var result = ElsaImporter.ImportFile(file, registry);
                foreach (var problem in result.Problems)
                {
                    error.WriteLine(problem.Format(file));
                }

                if (!result.Succeeded)
                {
                    error.WriteLine($"error: {file} has {result.Problems.Count} problem(s); nothing written for it.");
                    exit = DataError;
                    continue;
                }

                var destination = target is null ? null : Path.Combine(target, $"{result.DefinitionId}.json");
                if (!Write(destination, result.Json! + "\n", parse.InvocationConfiguration.Output, error))
                {
                    exit = DataError;
                }
            }

            return exit;
        });
        return command;
    }

    private static bool Write(string? destination, string text, TextWriter output, TextWriter error)
    {
        if (destination is null)
        {
            output.WriteLine(text);
            return true;
        }

        try
        {
            if (Path.GetDirectoryName(Path.GetFullPath(destination)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }

            File.WriteAllText(destination, text, Utf8);
            error.WriteLine($"wrote {destination}");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"error: cannot write {destination}: {e.Message}");
            return false;
        }
    }
}
