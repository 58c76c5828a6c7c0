using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Security;

namespace Approval.Api.Tests;

/// <summary>Issue 12 findings 1 and 7, issue 18's problem details: hostile or odd input is a 4xx problem naming what is wrong, never a 500.</summary>
public partial class ProblemsTests
{
    private ApprovalApp _app = null!;

    [OneTimeSetUp]
    public void Start() => _app = new ApprovalApp();

    [OneTimeTearDown]
    public void Stop() => _app.Dispose();

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Kebab();

    /// <summary>Asserts a problem with a urn type, a kebab code and a detail, naming <paramref name="field"/> when given; returns the body.</summary>
    internal static async Task<JsonNode> AssertProblem(HttpResponseMessage response, HttpStatusCode status, string? field = null, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(status), text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"), text);
        var body = JsonNode.Parse(text)!;
        Assert.Multiple(() =>
        {
            Assert.That((string?)body["code"], Does.Match(Kebab()), text);
            Assert.That((string?)body["type"], Is.EqualTo($"urn:approval:problem:{(string?)body["code"]}"), text);
            Assert.That((string?)body["detail"], Is.Not.Null.And.Not.Empty, text);
            if (field is not null)
            {
                Assert.That(body["errors"]?[field], Is.Not.Null, text);
            }

            if (code is not null)
            {
                Assert.That((string?)body["code"], Is.EqualTo(code), text);
            }
        });
        return body;
    }

    private static ByteArrayContent Raw(string before, byte[] middle, string after)
    {
        var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes(before), .. middle, .. Encoding.UTF8.GetBytes(after)]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static string Intake(string data, string materials = "") =>
        $$"""{"workflowId":"open-restaurant","applicant":{"kind":"person","id":"11010519491231002X","name":"张三"},"data":{{data}}{{materials}}}""";

    private async Task Refused(HttpContent content, string field, string? code = null)
    {
        var before = await _app.CountAsync();
        await AssertProblem(await _app.Window().PostAsync("/api/cases", content), HttpStatusCode.BadRequest, field, code);
        Assert.That(await _app.CountAsync(), Is.EqualTo(before), "a refused intake wrote nothing");
    }

    [Test]
    public async Task A_null_material_is_a_400_naming_its_index() =>
        await Refused(new StringContent(Intake("{}", ""","materials":[null]"""), Encoding.UTF8, "application/json"), "materials[0]", "null-element");

    [Test]
    public async Task Invalid_utf8_in_a_non_string_data_field_is_a_400_naming_it() =>
        await Refused(Raw(Intake("{\"seats\":\"").Replace("}}", "", StringComparison.Ordinal), [0xFF], "\"}}"), "data.seats");

    [Test]
    public async Task Invalid_utf8_in_a_string_data_field_is_refused_like_in_the_name_not_stored_as_a_replacement_character()
    {
        await Refused(Raw(Intake("{\"district\":\"").Replace("}}", "", StringComparison.Ordinal), [0xC3, 0x28], "\"}}"), "data.district");
        var name = """{"workflowId":"open-restaurant","applicant":{"kind":"person","id":"11010519491231002X","name":" """;
        await Refused(Raw(name, [0xC3, 0x28], "\"}}"), "applicant.name");
    }

    [TestCase("seats")]
    [TestCase("district")]
    public async Task A_lone_surrogate_in_data_is_a_400_naming_the_field(string field) =>
        await Refused(new StringContent(Intake($$"""{"{{field}}":"\ud800"}"""), Encoding.UTF8, "application/json"), $"data.{field}");

    [Test]
    public async Task A_number_no_double_holds_is_a_400_naming_the_field() =>
        await Refused(new StringContent(Intake("""{"businessArea":1e400}"""), Encoding.UTF8, "application/json"), "data.businessArea");

    [Test]
    public async Task An_unknown_member_is_a_400_naming_it() =>
        await Refused(new StringContent(Intake("{}", ""","materails":[]"""), Encoding.UTF8, "application/json"), "materails", "malformed-body");

    [Test]
    public async Task A_wrong_type_names_the_field_without_a_dollar() =>
        await Refused(new StringContent("""{"workflowId":42}""", Encoding.UTF8, "application/json"), "workflowId", "malformed-body");

    [Test]
    public async Task An_unknown_workflow_with_a_version_is_reported_under_workflowId()
    {
        var body = await AssertProblem(await _app.Window().PostJsonAsync("/api/cases", new { workflowId = "open-spaceport", version = 3 }), HttpStatusCode.BadRequest, "workflowId", "unknown-workflow");
        Assert.That(body["errors"]!["version"], Is.Null);
        await AssertProblem(await _app.Window().PostJsonAsync("/api/cases", new { workflowId = "open-restaurant", version = 999 }), HttpStatusCode.BadRequest, "version", "unknown-version");
    }

    [Test]
    public async Task A_bad_query_parameter_is_named_not_called_an_unreadable_body()
    {
        var body = await AssertProblem(await _app.Department("fire-rescue").GetAsync("/api/tasks?limit=abc"), HttpStatusCode.BadRequest, "limit", "invalid-parameter");
        Assert.That((string)body["detail"]!, Does.Contain("abc").And.Not.Contain("body"));
        await AssertProblem(await _app.ClientAs(ClerkRoles.Supervisor).GetAsync("/api/supervision/cards?open=maybe"), HttpStatusCode.BadRequest, "open", "invalid-parameter");
    }

    [Test]
    public async Task A_non_guid_id_is_a_404_with_a_code() =>
        await AssertProblem(await _app.Window().GetAsync("/api/cases/not-a-guid"), HttpStatusCode.NotFound, code: "route-not-found");

    [Test]
    public async Task A_body_that_is_not_json_is_a_415_with_code_and_detail()
    {
        var before = await _app.CountAsync();
        await AssertProblem(await _app.Window().PostAsync("/api/cases", new StringContent("workflowId=open-restaurant", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, code: "unsupported-media-type");
        Assert.That(await _app.CountAsync(), Is.EqualTo(before));
    }

    [Test]
    public async Task A_missing_body_is_a_400_naming_the_body() =>
        await AssertProblem(await _app.Window().PostAsync("/api/cases", new StringContent("", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest, "$", "body-required");

    [Test]
    public async Task Cases_by_status_are_spelt_as_case_statuses_are()
    {
        await _app.Window().StartCaseAsync("open-restaurant", new { hasOutdoorSign = false });
        var overview = await (await _app.ClientAs(ClerkRoles.Supervisor).GetAsync("/api/supervision/overview")).ReadJsonAsync();
        var keys = overview["casesByStatus"]!.AsObject().Select(p => p.Key).ToList();
        Assert.That(keys, Does.Contain("running"));
        Assert.That(keys, Has.All.Match(Kebab()));
    }
}
