using Approval.Definitions.Loading;

namespace Approval.Definitions.Tests;

public class ContentHashTests
{
    private static readonly string Original = Defs.With(Defs.Task("a", 2));

    [Test]
    public void Reformatting_and_reordering_keys_keep_the_hash()
    {
        var reformatted = Newtonsoft.Json.Linq.JToken.Parse(Original).ToString(Newtonsoft.Json.Formatting.None);
        var reordered = Original.Replace("\"id\": \"test\",\n  \"name\": \"测试\",", "\"name\": \"测试\",\n  \"id\": \"test\",", StringComparison.Ordinal);
        Assert.That(reordered, Is.Not.EqualTo(Original), "the test really reorders");
        Assert.Multiple(() =>
        {
            Assert.That(Defs.Load(reformatted).ContentHash, Is.EqualTo(Defs.Load(Original).ContentHash));
            Assert.That(Defs.Load(reordered).ContentHash, Is.EqualTo(Defs.Load(Original).ContentHash));
            Assert.That(Defs.Load("\uFEFF" + Original).ContentHash, Is.EqualTo(Defs.Load(Original).ContentHash));
        });
    }

    [Test]
    public void The_schema_reference_is_not_content()
    {
        var withSchema = Original.Replace("\"id\": \"test\",", "\"$schema\": \"schema/workflow.schema.json\", \"id\": \"test\",", StringComparison.Ordinal);
        Assert.That(Defs.Load(withSchema).ContentHash, Is.EqualTo(Defs.Load(Original).ContentHash));
    }

    [Test]
    public void Any_change_of_meaning_changes_the_hash()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Defs.Load(Defs.With(Defs.Task("a", 3))).ContentHash, Is.Not.EqualTo(Defs.Load(Original).ContentHash));
            Assert.That(Defs.Load(Defs.With($"{Defs.Task("a")}, {Defs.Task("b")}")).ContentHash,
                Is.Not.EqualTo(Defs.Load(Defs.With($"{Defs.Task("b")}, {Defs.Task("a")}")).ContentHash), "step order matters");
        });
    }

    [Test]
    public void Canonical_json_is_compact_sorted_and_keeps_dates_and_decimals_as_written()
    {
        var result = Defs.Load(Defs.With(Defs.Task("a", extra: ", \"when\": \"openedOn > '2025-01-01'\""), top: " \"description\": \"2025-01-01\", \"maxExtensionWorkingDays\": 2,"));
        Assert.Multiple(() =>
        {
            Assert.That(result.CanonicalJson, Does.StartWith("{\"description\":\"2025-01-01\",\"fields\":{"));
            Assert.That(result.CanonicalJson, Does.Not.Contain("\": ").And.Not.Contain("\n"));
            Assert.That(result.ContentHash, Does.Match("^[0-9a-f]{64}$"));
        });
    }

    [Test]
    public void Definitions_with_errors_still_get_a_hash_but_bad_json_does_not()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Defs.Load(Defs.With(Defs.Task("a", department: "nowhere"))).ContentHash, Is.Not.Null);
            Assert.That(Defs.Load("{").ContentHash, Is.Null);
        });
    }
}
