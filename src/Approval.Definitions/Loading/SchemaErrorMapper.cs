using NJsonSchema.Validation;

namespace Approval.Definitions.Loading;

/// <summary>
/// Turns NJsonSchema's validation errors into the loader's codes and paths. A <c>oneOf</c>
/// failure (a step, a join) is reported through the alternative the analyst evidently meant —
/// the one that accepted the value's <c>type</c> — rather than as a list of every alternative.
/// </summary>
internal static class SchemaErrorMapper
{
    public sealed record Mapped(string Code, string Path, Anchor Anchor, string Message);

    public static IEnumerable<Mapped> Map(ValidationError error)
    {
        var path = JsonPaths.FromSchemaPath(error.Path ?? "#");
        if (error is ChildSchemaValidationError child)
        {
            return error.Kind is ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf
                ? MapAlternatives(child, path)
                : child.Errors.Values.SelectMany(errors => errors).SelectMany(Map);
        }

        return [MapSingle(error, path)];
    }

    private static IEnumerable<Mapped> MapAlternatives(ChildSchemaValidationError error, string path)
    {
        var typePath = JsonPaths.Property(path, "type");
        var viable = error.Errors.Values
            .Where(errors => !errors.Any(e => JsonPaths.FromSchemaPath(e.Path ?? "#") is var p && (p == path || p == typePath)))
            .OrderBy(errors => errors.Count)
            .FirstOrDefault();
        if (viable is not null)
        {
            return viable.SelectMany(Map);
        }

        if (path.EndsWith(".join", StringComparison.Ordinal))
        {
            return [new Mapped(ErrorCodes.UnknownJoinRule, path, Anchor.Value, "JSON Schema: a join is \"all\", \"any\" or {\"quorum\": n}.")];
        }

        var isStep = error.Errors.Values.All(errors => errors.Any(e => JsonPaths.FromSchemaPath(e.Path ?? "#") == typePath));
        return isStep
            ? [new Mapped(ErrorCodes.UnknownStepType, typePath, Anchor.Value, "JSON Schema: the step's type is not one of intake, task, parallel, sequence, decision, delivery.")]
            : [new Mapped(ErrorCodes.SchemaViolation, path, Anchor.Value, "JSON Schema: the value matches none of the allowed forms.")];
    }

    private static Mapped MapSingle(ValidationError error, string path)
    {
        var property = error.Property ?? string.Empty;
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => new Mapped(
                property == "department" ? ErrorCodes.MissingDepartment : ErrorCodes.MissingProperty, path, Anchor.Parent,
                $"JSON Schema: the required property '{property}' is missing."),
            ValidationErrorKind.NoAdditionalPropertiesAllowed => new Mapped(ErrorCodes.UnknownProperty, path, Anchor.Name,
                $"JSON Schema: the property '{property}' is not allowed here."),
            ValidationErrorKind.StringExpected or ValidationErrorKind.IntegerExpected or ValidationErrorKind.NumberExpected
                or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
                or ValidationErrorKind.NullExpected => new Mapped(ErrorCodes.WrongType, path, Anchor.Value,
                $"JSON Schema: wrong type ({Words(error.Kind)})."),
            ValidationErrorKind.NotInEnumeration => new Mapped(
                path.EndsWith(".type", StringComparison.Ordinal) ? ErrorCodes.UnknownStepType
                : path.EndsWith(".join", StringComparison.Ordinal) ? ErrorCodes.UnknownJoinRule
                : ErrorCodes.InvalidValue, path, Anchor.Value, "JSON Schema: the value is not one of the allowed values."),
            ValidationErrorKind.TooFewProperties or ValidationErrorKind.TooManyProperties => new Mapped(
                path.EndsWith(".timeLimit", StringComparison.Ordinal) ? ErrorCodes.TimeLimitUnits
                : path.EndsWith(".yellow", StringComparison.Ordinal) ? ErrorCodes.YellowUnits
                : ErrorCodes.InvalidValue, path, Anchor.Value, $"JSON Schema: {Words(error.Kind)}; give exactly one unit."),
            ValidationErrorKind.TooFewItems => new Mapped(
                path.EndsWith(".steps", StringComparison.Ordinal) || path.EndsWith(".branches", StringComparison.Ordinal) ? ErrorCodes.EmptyBlock : ErrorCodes.InvalidValue,
                path, Anchor.Value, "JSON Schema: the list is empty."),
            ValidationErrorKind.NumberTooSmall when path.EndsWith(".quorum", StringComparison.Ordinal) => new Mapped(ErrorCodes.QuorumOutOfRange, path, Anchor.Value,
                "JSON Schema: a quorum is at least 1."),
            ValidationErrorKind.PatternMismatch or ValidationErrorKind.StringTooShort or ValidationErrorKind.StringTooLong
                or ValidationErrorKind.NumberTooSmall or ValidationErrorKind.NumberTooBig => new Mapped(ErrorCodes.InvalidValue, path, Anchor.Value,
                $"JSON Schema: {Words(error.Kind)}."),
            _ => new Mapped(ErrorCodes.SchemaViolation, path, Anchor.Value, $"JSON Schema: {Words(error.Kind)}."),
        };
    }

    // "NumberTooSmall" → "number too small": good enough for the rare schema-only finding.
    private static string Words(ValidationErrorKind kind) =>
        string.Concat(kind.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
