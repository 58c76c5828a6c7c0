using System.Runtime.CompilerServices;

// The calendar commands are tested by invoking their command objects with captured output.
[assembly: InternalsVisibleTo("Approval.Cli.Tests")]
