using Approval.Calendar;
using Approval.Definitions.Loading;
using Approval.Definitions.Model;

namespace Approval.Definitions.Tests;

/// <summary>One test per error code, each with the smallest definition that shows it.</summary>
public class LoaderErrorTests
{
    private static DefinitionError Single(LoadResult result, string code)
    {
        var matching = result.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.That(matching, Has.Count.EqualTo(1), string.Join(Environment.NewLine, result.Diagnostics));
        return matching[0];
    }

    private static void AssertOnly(LoadResult result, string code, string path)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Defs.Codes(result), Is.EqualTo(new[] { code }), string.Join(Environment.NewLine, result.Diagnostics));
            Assert.That(result.Diagnostics.Single().JsonPath, Is.EqualTo(path));
        });
    }

    [Test]
    public void A_valid_definition_loads_into_the_model()
    {
        var result = Defs.Load(Defs.With($$"""
            { "type": "parallel", "id": "review", "name": "并联", "join": { "quorum": 1 }, "branches": [
              {{Defs.Task("a", 2)}},
              { "type": "sequence", "id": "seq", "name": "顺序", "steps": [ {{Defs.Task("b", 1, "fire-rescue", ", \"onOverdue\": \"approve\", \"when\": \"seats > 5\"")}} ] } ] }
            """));
        Assert.That(result.Diagnostics, Is.Empty);
        var parallel = (ParallelStepDefinition)result.Definition!.Steps[1];
        var b = (TaskStepDefinition)((SequenceStepDefinition)parallel.Branches[1]).Steps[0];
        Assert.Multiple(() =>
        {
            Assert.That(parallel.Join, Is.EqualTo(new JoinRule(JoinKind.Quorum, 1)));
            Assert.That(parallel.Path, Is.EqualTo("$.steps[1]"));
            Assert.That(b.Path, Is.EqualTo("$.steps[1].branches[1].steps[0]"));
            Assert.That(b.OnOverdue, Is.EqualTo(OverdueAction.Approve));
            Assert.That(b.When!.Source, Is.EqualTo("seats > 5"));
            Assert.That(b.Department, Is.EqualTo("fire-rescue"));
            Assert.That(b.SupplementRounds, Is.EqualTo(1));
            Assert.That(result.Definition.TimeLimit, Is.EqualTo(TimeLimit.OfWorkingDays(5)));
            Assert.That(result.Definition.Fields["openedOn"], Is.EqualTo(FieldType.Date));
        });
    }

    [Test]
    public void APV001_bad_json_is_one_error_with_line_and_column()
    {
        var result = Defs.Load("{\n  \"id\": \"x\",\n  \"name\": 开\n}");
        var error = Single(result, ErrorCodes.InvalidJson);
        Assert.Multiple(() =>
        {
            Assert.That(result.Diagnostics, Has.Count.EqualTo(1));
            Assert.That((error.Line, error.Column), Is.EqualTo((3, 11)));
            Assert.That(result.Definition, Is.Null);
            Assert.That(result.ContentHash, Is.Null);
        });
    }

    [Test]
    public void APV001_counts_columns_in_characters_not_utf8_bytes()
    {
        var error = Single(Defs.Load("{ \"name\": \"开餐馆\", x }"), ErrorCodes.InvalidJson);
        Assert.That((error.Line, error.Column), Is.EqualTo((1, 18)));
    }

    [Test]
    public void APV001_trailing_commas_and_comments_are_not_json()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Defs.Codes(Defs.Load("{ \"id\": \"x\", }")), Is.EqualTo(new[] { ErrorCodes.InvalidJson }));
            Assert.That(Defs.Codes(Defs.Load("{ // note\n \"id\": \"x\" }")), Is.EqualTo(new[] { ErrorCodes.InvalidJson }));
        });
    }

    [Test]
    public void APV001_numbers_too_large_to_hold_are_reported_not_thrown()
    {
        var result = Defs.Load(Defs.With(Defs.Task("a", extra: ", \"supplementRounds\": 1e400")));
        Assert.That(Defs.Codes(result), Is.EqualTo(new[] { ErrorCodes.InvalidJson }));
    }

    [Test]
    public void APV002_duplicate_property()
    {
        var json = Defs.With(Defs.Task("a")).Replace("\"name\": \"测试\",", "\"name\": \"测试\", \"name\": \"又一个\",", StringComparison.Ordinal);
        var error = Single(Defs.Load(json), ErrorCodes.DuplicateProperty);
        Assert.Multiple(() =>
        {
            Assert.That(error.JsonPath, Is.EqualTo("$.name"));
            Assert.That((error.Line, error.Column), Is.EqualTo((3, 17)));
        });
    }

    [Test]
    public void APV003_missing_property_points_at_the_object()
    {
        var result = Defs.Load(Defs.With("""{ "type": "task", "id": "a", "department": "taxation", "timeLimit": { "workingDays": 1 } }"""));
        AssertOnly(result, ErrorCodes.MissingProperty, "$.steps[1].name");
        Assert.That(result.Diagnostics.Single().Column, Is.EqualTo(5));
    }

    [Test]
    public void APV004_unknown_property_points_at_its_name()
    {
        var result = Defs.Load(Defs.With(Defs.Task("a", extra: ", \"deadline\": 3")));
        AssertOnly(result, ErrorCodes.UnknownProperty, "$.steps[1].deadline");
    }

    [Test]
    public void APV005_wrong_type()
    {
        AssertOnly(Defs.Load(Defs.With(Defs.Task("a", extra: ", \"supplementRounds\": \"two\""))), ErrorCodes.WrongType, "$.steps[1].supplementRounds");
    }

    [Test]
    public void APV006_invalid_values()
    {
        Assert.Multiple(() =>
        {
            AssertOnly(Defs.Load(Defs.With(Defs.Task("Food_Permit"))), ErrorCodes.InvalidValue, "$.steps[1].id");
            AssertOnly(Defs.Load(Defs.With(Defs.Task("a", extra: ", \"onOverdue\": \"ignore\""))), ErrorCodes.InvalidValue, "$.steps[1].onOverdue");
            AssertOnly(Defs.Load(Defs.With(Defs.Task("a"), fields: """{ "seats": "int" }""")), ErrorCodes.InvalidValue, "$.fields.seats");
            AssertOnly(Defs.Load(Defs.With(Defs.Task("a"), fields: """{ "in": "boolean" }""")), ErrorCodes.InvalidValue, "$.fields.in");
            AssertOnly(Defs.Load(Defs.With(Defs.Task("a", days: 0))), ErrorCodes.InvalidValue, "$.steps[1].timeLimit.workingDays");
            AssertOnly(Defs.Load(Defs.With(Defs.Task("a", extra: ", \"supplementRounds\": 99999999999999999999999"))), ErrorCodes.InvalidValue, "$.steps[1].supplementRounds");
        });
    }

    [Test]
    public void APV007_unknown_step_type()
    {
        AssertOnly(Defs.Load(Defs.With("""{ "type": "wait", "id": "w", "name": "等待" }""")), ErrorCodes.UnknownStepType, "$.steps[1].type");
    }

    [Test]
    public void APV008_is_the_schema_fallback_and_is_catalogued()
    {
        Assert.That(ErrorCodes.Describe(ErrorCodes.SchemaViolation).Severity, Is.EqualTo(Severity.Error));
    }

    [TestCase("{ }")]
    [TestCase("""{ "workingDays": 1, "hours": 4 }""")]
    public void APV010_time_limit_needs_exactly_one_unit(string limit)
    {
        var json = Defs.With(Defs.Task("a")).Replace("\"timeLimit\": { \"workingDays\": 1 }", $"\"timeLimit\": {limit}", StringComparison.Ordinal);
        AssertOnly(Defs.Load(json), ErrorCodes.TimeLimitUnits, "$.steps[1].timeLimit");
    }

    [Test]
    public void APV011_yellow_needs_exactly_one_unit()
    {
        var result = Defs.Load(Defs.With(Defs.Task("a", 3, extra: ", \"warning\": { \"yellow\": { \"workingDaysBefore\": 1, \"hoursBefore\": 2 } }")));
        AssertOnly(result, ErrorCodes.YellowUnits, "$.steps[1].warning.yellow");
    }

    [Test]
    public void APV012_reports_the_task_that_crosses_the_case_limit_on_the_longest_path()
    {
        var result = Defs.Load(Defs.With($$"""
            { "type": "parallel", "id": "p", "name": "并联", "join": "all", "branches": [
              {{Defs.Task("short", 1)}},
              { "type": "sequence", "id": "s", "name": "顺序", "steps": [ {{Defs.Task("first", 3)}}, {{Defs.Task("second", 3)}}, {{Defs.Task("third", 1)}} ] } ] }
            """));
        var error = Single(result, ErrorCodes.ExceedsCaseLimit);
        Assert.Multiple(() =>
        {
            Assert.That(error.JsonPath, Is.EqualTo("$.steps[1].branches[1].steps[1].timeLimit"));
            Assert.That(error.Message, Does.Contain("6 working days").And.Contain("first (3 working days) → second (3 working days)"));
        });
    }

    [Test]
    public void APV012_compares_hours_with_working_days_at_the_calendars_seven_office_hours_a_day()
    {
        string Hours(string id, int h) =>
            $$"""{ "type": "task", "id": "{{id}}", "name": "即办", "department": "taxation", "timeLimit": { "hours": {{h}} }, "warning": { "yellow": { "hoursBefore": 1 } } }""";
        var fits = Defs.Load(Defs.With($"{Hours("a", 4)}, {Hours("b", 3)}", top: """ "timeLimit": { "workingDays": 1 },"""));
        var exceeds = Defs.Load(Defs.With($"{Hours("a", 4)}, {Hours("b", 4)}", top: """ "timeLimit": { "workingDays": 1 },"""));
        Assert.Multiple(() =>
        {
            Assert.That(fits.Diagnostics, Is.Empty);
            var error = Single(exceeds, ErrorCodes.ExceedsCaseLimit);
            Assert.That(error.JsonPath, Is.EqualTo("$.steps[2].timeLimit"));
            Assert.That(error.Message, Does.Contain("1 working day and 1 office hour into the case").And.Contain("a working day counted as 7 office hours"));
        });
    }

    [Test]
    public void APV013_counts_a_working_day_as_seven_office_hours()
    {
        // A 7-hour task with a yellow card one working day before: the card falls as it opens (7 h = 1 day).
        var atOpening = Defs.Load(Defs.With("""{ "type": "task", "id": "a", "name": "即办", "department": "taxation", "timeLimit": { "hours": 7 }, "warning": { "yellow": { "workingDaysBefore": 1 } } }"""));
        var before = Defs.Load(Defs.With("""{ "type": "task", "id": "a", "name": "即办", "department": "taxation", "timeLimit": { "hours": 8 }, "warning": { "yellow": { "workingDaysBefore": 1 } } }"""));
        Assert.Multiple(() =>
        {
            Assert.That(atOpening.Warnings.Select(w => w.Code), Does.Contain(ErrorCodes.YellowNotBeforeLimit));
            Assert.That(before.Warnings.Select(w => w.Code), Does.Not.Contain(ErrorCodes.YellowNotBeforeLimit));
        });
    }

    [Test]
    public void An_unknown_department_close_to_a_known_one_gets_a_did_you_mean()
    {
        var result = Defs.Load(Defs.With("""{ "type": "task", "id": "a", "name": "税务", "department": "taxatoin", "timeLimit": { "workingDays": 1 } }"""));
        Assert.That(Single(result, ErrorCodes.UnknownDepartment).Message, Does.Contain("did you mean 'taxation'?"));
    }

    [Test]
    public void A_parallel_step_without_branches_says_how_to_fix_it()
    {
        var result = Defs.Load(Defs.With("""{ "type": "parallel", "id": "p", "name": "并联", "branches": [] }"""));
        Assert.That(Single(result, ErrorCodes.EmptyBlock).Message, Does.Contain("add at least two under \"branches\""));
    }

    [Test]
    public void Messages_use_an_before_a_vowel()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Approval.Definitions.Loading.Wording.A("integer"), Is.EqualTo("an integer"));
            Assert.That(Approval.Definitions.Loading.Wording.A("intake"), Is.EqualTo("an intake"));
            Assert.That(Approval.Definitions.Loading.Wording.A("date"), Is.EqualTo("a date"));
        });
    }

    [Test]
    public void APV013_yellow_card_at_opening_is_a_warning_that_does_not_block()
    {
        var result = Defs.Load(Defs.With("""{ "type": "task", "id": "a", "name": "即办", "department": "taxation", "timeLimit": { "hours": 4 } }"""));
        Assert.Multiple(() =>
        {
            Assert.That(Single(result, ErrorCodes.YellowNotBeforeLimit).Severity, Is.EqualTo(Severity.Warning));
            Assert.That(result.Errors, Is.Empty);
            Assert.That(result.Warnings, Has.Count.EqualTo(1));
            Assert.That(result.Definition, Is.Not.Null);
        });
    }

    [Test]
    public void APV020_duplicate_step_id_points_at_the_repeat()
    {
        var result = Defs.Load(Defs.With($"{Defs.Task("a")}, {Defs.Task("a")}"));
        var error = Single(result, ErrorCodes.DuplicateStepId);
        Assert.Multiple(() =>
        {
            Assert.That(error.JsonPath, Is.EqualTo("$.steps[2].id"));
            Assert.That(error.Message, Does.Contain("$.steps[1]"));
        });
    }

    [TestCase("\"most\"")]
    [TestCase("3")]
    public void APV021_unknown_join_rule(string join)
    {
        var result = Defs.Load(Defs.With($$"""{ "type": "parallel", "id": "p", "name": "并联", "join": {{join}}, "branches": [ {{Defs.Task("a")}}, {{Defs.Task("b")}} ] }"""));
        AssertOnly(result, ErrorCodes.UnknownJoinRule, "$.steps[1].join");
    }

    [TestCase(0)]
    [TestCase(3)]
    public void APV022_quorum_out_of_range(int quorum)
    {
        var result = Defs.Load(Defs.With($$"""{ "type": "parallel", "id": "p", "name": "并联", "join": { "quorum": {{quorum}} }, "branches": [ {{Defs.Task("a")}}, {{Defs.Task("b")}} ] }"""));
        AssertOnly(result, ErrorCodes.QuorumOutOfRange, "$.steps[1].join.quorum");
    }

    [Test]
    public void APV023_missing_department()
    {
        var result = Defs.Load(Defs.With("""{ "type": "task", "id": "a", "name": "事项", "timeLimit": { "workingDays": 1 } }"""));
        AssertOnly(result, ErrorCodes.MissingDepartment, "$.steps[1].department");
    }

    [Test]
    public void APV024_unknown_department()
    {
        AssertOnly(Defs.Load(Defs.With(Defs.Task("a", department: "tourism"))), ErrorCodes.UnknownDepartment, "$.steps[1].department");
    }

    [Test]
    public void APV025_empty_blocks()
    {
        Assert.Multiple(() =>
        {
            AssertOnly(Defs.Load(Defs.With("""{ "type": "parallel", "id": "p", "name": "并联", "join": "all", "branches": [] }""")), ErrorCodes.EmptyBlock, "$.steps[1].branches");
            AssertOnly(Defs.Load(Defs.With("""{ "type": "sequence", "id": "s", "name": "顺序", "steps": [] }""")), ErrorCodes.EmptyBlock, "$.steps[1].steps");
            AssertOnly(Defs.Load(Defs.With("""{ "type": "decision", "id": "d", "name": "判断", "branches": [] }""")), ErrorCodes.EmptyBlock, "$.steps[1].branches");
        });
    }

    [Test]
    public void APV026_single_branch_parallel_is_a_warning()
    {
        var result = Defs.Load(Defs.With($$"""{ "type": "parallel", "id": "p", "name": "并联", "join": "all", "branches": [ {{Defs.Task("a")}} ] }"""));
        Assert.Multiple(() =>
        {
            AssertOnly(result, ErrorCodes.SingleBranchParallel, "$.steps[1].branches");
            Assert.That(result.Succeeded, Is.True);
        });
    }

    [Test]
    public void APV027_APV028_intake_first_and_delivery_last_once_at_top_level()
    {
        var noEnds = Defs.Load("""{ "id": "x", "name": "x", "steps": [ { "type": "task", "id": "a", "name": "a", "department": "taxation", "timeLimit": { "workingDays": 1 } } ] }""");
        var nested = Defs.Load(Defs.With($$"""{ "type": "sequence", "id": "s", "name": "s", "steps": [ {{Defs.Task("a")}}, { "type": "intake", "id": "again", "name": "再受理" } ] }"""));
        var twice = Defs.Load(Defs.With(Defs.Delivery.Replace("\"delivery\", \"name\"", "\"early\", \"name\"", StringComparison.Ordinal)));
        Assert.Multiple(() =>
        {
            Assert.That(Defs.Codes(noEnds), Is.EqualTo(new[] { ErrorCodes.IntakePlacement, ErrorCodes.DeliveryPlacement }));
            AssertOnly(nested, ErrorCodes.IntakePlacement, "$.steps[1].steps[1]");
            AssertOnly(twice, ErrorCodes.DeliveryPlacement, "$.steps[1]");
        });
    }

    [Test]
    public void APV029_otherwise_branch_must_be_last()
    {
        var result = Defs.Load(Defs.With($$"""
            { "type": "decision", "id": "d", "name": "判断", "branches": [
              { "steps": [ {{Defs.Task("a")}} ] },
              { "when": "hasSign", "steps": [ {{Defs.Task("b")}} ] } ] }
            """));
        AssertOnly(result, ErrorCodes.OtherwiseNotLast, "$.steps[1].branches[1]");
    }

    [Test]
    public void Decision_branches_become_guarded_sequences_with_generated_ids_when_none_given()
    {
        var result = Defs.Load(Defs.With($$"""
            { "type": "decision", "id": "d", "name": "判断", "branches": [
              { "id": "big", "name": "大店", "when": "seats > 50", "steps": [ {{Defs.Task("a")}} ] },
              { "steps": [ {{Defs.Task("b")}} ] } ] }
            """));
        var decision = (DecisionStepDefinition)result.Definition!.Steps[1];
        Assert.Multiple(() =>
        {
            Assert.That(decision.Branches.Select(b => b.Id), Is.EqualTo(new[] { "big", "d-2" }));
            Assert.That(decision.Branches[0].When!.Source, Is.EqualTo("seats > 50"));
            Assert.That(decision.Branches[1].When, Is.Null);
        });
    }

    [Test]
    public void APV030_duplicate_material_id()
    {
        var json = Defs.With(Defs.Task("a")).Replace("\"fields\":", "\"materials\": [ { \"id\": \"id-card\", \"name\": \"身份证\" }, { \"id\": \"id-card\", \"name\": \"护照\" } ], \"fields\":", StringComparison.Ordinal);
        AssertOnly(Defs.Load(json), ErrorCodes.DuplicateMaterialId, "$.materials[1].id");
    }

    [Test]
    public void APV031_id_must_match_the_file_name()
    {
        var result = Approval.Definitions.Loading.DefinitionLoader.Load(Defs.With(Defs.Task("a")), "workflows/other.json", Defs.Departments);
        AssertOnly(result, ErrorCodes.IdDoesNotMatchFile, "$.id");
    }

    [Test]
    public void APV040_condition_syntax_error_points_inside_the_string()
    {
        var result = Defs.Load(Defs.With(Defs.Task("a", extra: ", \"when\": \"seats >\"")));
        var error = Single(result, ErrorCodes.ConditionSyntax);
        var line = Defs.With(Defs.Task("a", extra: ", \"when\": \"seats >\"")).Split('\n')[error.Line - 1];
        Assert.Multiple(() =>
        {
            Assert.That(error.JsonPath, Is.EqualTo("$.steps[1].when"));
            Assert.That(line[(error.Column - 1)..], Does.StartWith("\""), "points just past the text, at the closing quote");
        });
    }

    [Test]
    public void APV041_condition_on_undeclared_field()
    {
        var json = Defs.With(Defs.Task("a", extra: ", \"when\": \"hasSign && signArea > 2\""));
        var error = Single(Defs.Load(json), ErrorCodes.ConditionUnknownField);
        Assert.That(json.Split('\n')[error.Line - 1][(error.Column - 1)..], Does.StartWith("signArea"));
    }

    [Test]
    public void APV042_condition_type_error()
    {
        AssertOnly(Defs.Load(Defs.With(Defs.Task("a", extra: ", \"when\": \"district > 3\""))), ErrorCodes.ConditionType, "$.steps[1].when");
    }

    [Test]
    public void APV043_condition_too_complex()
    {
        var deep = new string('(', 40) + "hasSign" + new string(')', 40);
        AssertOnly(Defs.Load(Defs.With(Defs.Task("a", extra: $", \"when\": \"{deep}\""))), ErrorCodes.ConditionTooComplex, "$.steps[1].when");
    }

    [Test]
    public void Reports_every_problem_at_once_in_file_order()
    {
        var result = Defs.Load(Defs.With($$"""
            { "type": "parallel", "id": "p", "name": "并联", "join": "every", "branches": [
              {{Defs.Task("a")}}, {{Defs.Task("a")}},
              { "type": "task", "id": "c", "name": "c", "timeLimit": { "workingDays": 1 } },
              {{Defs.Task("d", extra: ", \"when\": \"nope\"")}} ] }
            """));
        Assert.Multiple(() =>
        {
            Assert.That(Defs.Codes(result), Is.EquivalentTo(new[] { ErrorCodes.UnknownJoinRule, ErrorCodes.DuplicateStepId, ErrorCodes.MissingDepartment, ErrorCodes.ConditionUnknownField }));
            Assert.That(result.Diagnostics.Select(d => (d.Line, d.Column)), Is.Ordered);
        });
    }

    [Test]
    public void A_commitment_item_loads_with_its_verification_limit()
    {
        var result = Defs.Load(Defs.With(Defs.Task("a", extra: ", \"commitment\": { \"verificationLimit\": { \"workingDays\": 20 } }")));
        Assert.That(result.Diagnostics, Is.Empty, string.Join(Environment.NewLine, result.Diagnostics));
        var task = result.Definition!.Steps.OfType<TaskStepDefinition>().Single();
        Assert.That(task.Commitment?.VerificationLimit, Is.EqualTo(Approval.Calendar.TimeLimit.OfWorkingDays(20)));
    }

    [Test]
    public void APV050_a_commitment_without_a_verification_limit()
    {
        AssertOnly(Defs.Load(Defs.With(Defs.Task("a", extra: ", \"commitment\": { }"))), ErrorCodes.VerificationLimitMissing, "$.steps[1].commitment.verificationLimit");
    }

    [Test]
    public void APV051_a_verification_limit_in_hours()
    {
        var result = Defs.Load(Defs.With(Defs.Task("a", extra: ", \"commitment\": { \"verificationLimit\": { \"hours\": 4 } }")));
        AssertOnly(result, ErrorCodes.VerificationLimitUnits, "$.steps[1].commitment.verificationLimit");
        Assert.That(result.Diagnostics.Single().Message, Does.Contain("working day"));
    }

    [Test]
    public void Every_catalogued_code_is_covered_by_a_test_here()
    {
        var names = typeof(LoaderErrorTests).GetMethods().Select(m => m.Name).ToList();
        var missing = ErrorCodes.All.Where(c => !names.Any(n => n.Contains(c.Code, StringComparison.Ordinal))).Select(c => c.Code);
        Assert.That(missing, Is.Empty);
    }

    private static string SendingB(string targets) =>
        Defs.With($$"""{{Defs.Task("a")}}, {{Defs.Task("b", extra: $", \"sendBack\": [{targets}]")}}""");

    [Test]
    public void APV060_send_back_to_an_unknown_step() => AssertOnly(Defs.Load(SendingB("\"nowhere\"")), ErrorCodes.SendBackUnknownTarget, "$.steps[2].sendBack[0]");

    [Test]
    public void APV061_send_back_to_intake() => AssertOnly(Defs.Load(SendingB("\"intake\"")), ErrorCodes.SendBackTargetKind, "$.steps[2].sendBack[0]");

    [Test]
    public void APV062_send_back_to_itself() => AssertOnly(Defs.Load(SendingB("\"b\"")), ErrorCodes.SendBackNotEarlier, "$.steps[2].sendBack[0]");

    [Test]
    public void APV063_send_back_to_another_branch_of_the_same_parallel()
    {
        var json = Defs.With($$"""
            { "type": "parallel", "id": "p", "name": "并联", "join": "all", "branches": [ {{Defs.Task("a")}}, {{Defs.Task("b", extra: ", \"sendBack\": [\"a\"]")}} ] }
            """);
        AssertOnly(Defs.Load(json), ErrorCodes.SendBackAcrossBranches, "$.steps[1].branches[1].sendBack[0]");
    }

    [Test]
    public void APV064_send_back_into_an_earlier_parallel_block()
    {
        var json = Defs.With($$"""
            { "type": "parallel", "id": "p", "name": "并联", "join": "all", "branches": [ {{Defs.Task("a")}}, {{Defs.Task("c")}} ] },
            {{Defs.Task("b", extra: ", \"sendBack\": [\"a\"]")}}
            """);
        AssertOnly(Defs.Load(json), ErrorCodes.SendBackIntoBlock, "$.steps[2].sendBack[0]");
    }

    [Test]
    public void APV065_send_back_target_listed_twice() => AssertOnly(Defs.Load(SendingB("\"a\", \"a\"")), ErrorCodes.SendBackDuplicate, "$.steps[2].sendBack[1]");
}
