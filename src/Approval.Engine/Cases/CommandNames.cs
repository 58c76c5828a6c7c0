using System.Collections.Concurrent;
using System.Text.Json;
using Approval.Engine.Cases.Commands;

namespace Approval.Engine.Cases;

/// <summary>Stable kebab-case names of commands (<c>ApproveTask</c> → <c>approve-task</c>) for the audit trail.</summary>
public static class CommandNames
{
    private static readonly ConcurrentDictionary<Type, string> Names = new();

    public static string Of(CaseCommand command) =>
        Names.GetOrAdd(command.GetType(), t => JsonNamingPolicy.KebabCaseLower.ConvertName(t.Name));
}
