using System.Text.Json.Nodes;
using Approval.Api.Tests.Infrastructure;

namespace Approval.Api.Tests;

/// <summary>The OpenAPI document is complete: every operation summarised, every request body with an example, bearer auth declared.</summary>
public class OpenApiDocumentTests
{
    private static JsonNode _document = null!;

    [OneTimeSetUp]
    public static async Task Load()
    {
        using var app = new ApprovalApp();
        _document = await (await app.CreateClient().GetAsync("/openapi/v1.json")).ReadJsonAsync();
    }

    [Test]
    public void Every_operation_has_a_summary()
    {
        var operations = _document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Path: p.Key, Method: o.Key, Summary: (string?)o.Value!["summary"])))
            .ToList();
        Assert.That(operations, Has.Count.GreaterThan(20));
        Assert.That(operations.Where(o => string.IsNullOrWhiteSpace(o.Summary)).Select(o => $"{o.Method} {o.Path}"), Is.Empty);
    }

    [Test]
    public void Every_request_body_schema_carries_an_example()
    {
        var schemas = _document["components"]!["schemas"]!.AsObject();
        var requestSchemas = schemas.Where(s => s.Key.EndsWith("Request", StringComparison.Ordinal)).ToList();
        Assert.That(requestSchemas, Has.Count.GreaterThanOrEqualTo(10));
        Assert.That(requestSchemas.Where(s => s.Value!["examples"] is null).Select(s => s.Key), Is.Empty);
    }

    [Test]
    public void Bearer_authentication_is_declared()
    {
        Assert.That((string?)_document["components"]!["securitySchemes"]!["Bearer"]!["scheme"], Is.EqualTo("bearer"));
    }
}
