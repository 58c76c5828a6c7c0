using Approval.Api.Problems;
using Approval.Engine.Cases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Approval.Api.Apis;

/// <summary>
/// Checks System.Text.Json cannot make: it enforces nullable annotations on members but not on
/// list elements, so <c>"materials": [null]</c> binds as a list holding null.
/// </summary>
internal static class RequestShape
{
    /// <summary>A 400 naming <c>field[i]</c> for the first null element, or null when there is none.</summary>
    public static ProblemHttpResult? NullElement<T>(IReadOnlyList<T?>? items, string field)
        where T : class
    {
        if (items is null)
        {
            return null;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                return RefusalProblems.Invalid(RefusalCodes.NullElement, new FieldPath($"{field}[{i}]"), $"{field}[{i}] is null; every element of {field} must be a value.");
            }
        }

        return null;
    }
}
