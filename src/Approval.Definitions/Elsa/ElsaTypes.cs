namespace Approval.Definitions.Elsa;

/// <summary>Field types ↔ Elsa variable type names (aliases as Elsa writes them; .NET names are read too).</summary>
internal static class ElsaTypes
{
    public static string VariableType(string fieldType) => fieldType switch
    {
        "boolean" => "Boolean",
        "integer" => "Int64",
        "number" => "Decimal",
        "date" => "DateOnly",
        _ => "String",
    };

    /// <summary>The field type of an Elsa variable type name, or null when there is none.</summary>
    public static string? FieldType(string? typeName)
    {
        var name = typeName?.Split(',')[0].Trim() ?? "";
        name = name[(name.LastIndexOf('.') + 1)..];
        return name switch
        {
            "Boolean" or "Bool" => "boolean",
            "Int16" or "Int32" or "Int64" or "Integer" or "Long" => "integer",
            "Decimal" or "Double" or "Single" or "Float" or "Number" => "number",
            "String" => "string",
            "DateOnly" or "DateTime" or "DateTimeOffset" => "date",
            _ => null,
        };
    }
}
