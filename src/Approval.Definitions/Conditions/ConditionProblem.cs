namespace Approval.Definitions.Conditions;

/// <summary>
/// What is wrong with a condition and where: <see cref="Offset"/> is 0-based into the source,
/// <see cref="Column"/> the 1-based column an analyst reads. <see cref="Code"/> is one of the
/// APV04x codes of <see cref="Loading.ErrorCodes"/>.
/// </summary>
public sealed record ConditionProblem(string Code, int Offset, string Message)
{
    public int Column => Offset + 1;
}
