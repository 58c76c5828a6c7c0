namespace Approval.Definitions.Model;

/// <summary>The type of a declared form field; conditions are type-checked against these.</summary>
public enum FieldType
{
    Boolean,
    Integer,
    Number,
    String,
    Date,
}
