using NJsonSchema;

namespace Approval.Calendar.Tests;

/// <summary>The JSON Schema that editors use agrees with the loader on the shipped file and on typos.</summary>
public class SchemaTests
{
    private static async Task<JsonSchema> Schema() =>
        await JsonSchema.FromFileAsync(Path.Combine(TestCalendars.CalendarsDirectory, "calendar.schema.json"));

    [Test]
    public async Task The_shipped_file_is_valid_against_the_schema()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(TestCalendars.CalendarsDirectory, "2026.json"));
        Assert.That((await Schema()).Validate(json), Is.Empty);
        Assert.That(json, Does.Contain("\"$schema\": \"calendar.schema.json\""));
    }

    [Test]
    public async Task The_schema_catches_a_misspelt_property_and_a_bad_date()
    {
        var errors = (await Schema()).Validate("""
            { "year": 2026, "holidays": [ { "name": "x", "from": "2026-1-1", "to": "2026-01-01" } ], "makeUpWorkingDay": [] }
            """);
        // NJsonSchema reports the bad date under its array item; the missing and the misspelt property by name.
        Assert.That(errors.Select(e => e.Path), Is.EquivalentTo(new[] { "#/holidays[0]", "#/makeUpWorkingDays", "#/makeUpWorkingDay" }));
    }
}
