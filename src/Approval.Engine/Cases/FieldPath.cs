namespace Approval.Engine.Cases;

/// <summary>
/// The input field or JSON path at fault (<c>reason</c>, <c>applicant.id</c>, <c>materials[0].promisedBy</c>),
/// as problem details name it under <c>errors</c>. A type of its own so that a refusal's code, field and
/// message, three strings once, cannot be swapped without the compiler noticing.
/// </summary>
public readonly record struct FieldPath(string Value)
{
    public override string ToString() => Value;
}
