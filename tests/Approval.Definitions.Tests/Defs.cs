using Approval.Definitions.Departments;
using Approval.Definitions.Loading;

namespace Approval.Definitions.Tests;

/// <summary>Builds small definitions around the part a test is about, so each test shows only what matters.</summary>
internal static class Defs
{
    public static DepartmentRegistry Departments { get; } = new(
    [
        new Department("market-regulation", "市场监管局"),
        new Department("fire-rescue", "消防救援"),
        new Department("taxation", "税务局"),
        new Department("urban-management", "城管局"),
    ]);

    public const string Intake = """{ "type": "intake", "id": "intake", "name": "受理" }""";
    public const string Delivery = """{ "type": "delivery", "id": "delivery", "name": "出件" }""";

    public static string Task(string id, int days = 1, string department = "market-regulation", string extra = "") =>
        $$"""{ "type": "task", "id": "{{id}}", "name": "事项{{id}}", "department": "{{department}}", "timeLimit": { "workingDays": {{days}} }{{extra}} }""";

    /// <summary>A definition whose steps are intake, <paramref name="middle"/>, delivery.</summary>
    public static string With(string middle, string fields = """{ "hasSign": "boolean", "seats": "integer", "area": "number", "district": "string", "openedOn": "date" }""", string top = """ "timeLimit": { "workingDays": 5 },""") =>
        $$"""
        {
          "id": "test",
          "name": "测试",{{top}}
          "fields": {{fields}},
          "steps": [
            {{Intake}},
            {{middle}},
            {{Delivery}}
          ]
        }
        """;

    public static LoadResult Load(string json) => DefinitionLoader.Load(json, "inline", Departments);

    public static string[] Codes(LoadResult result) => [.. result.Diagnostics.Select(d => d.Code)];
}
