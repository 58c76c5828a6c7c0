using System.Net;
using Approval.Api.Credit;
using Approval.Api.Tests.Infrastructure;
using Approval.Engine.Cases;
using Approval.Engine.Cases.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Approval.Api.Tests.FollowUps;

/// <summary>The two dishonesty lists (失信名单): a data file reread when it changes, and an HTTP lookup against a loopback stub, failing as documented.</summary>
public class CreditListTests
{
    private const string Listed = "91350100M000100Y43";
    private const string Slow = "11010519491231002X";

    private WebApplication _stub = null!;
    private string _stubUrl = null!;

    [OneTimeSetUp]
    public async Task StartStub()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _stub = builder.Build();
        _stub.MapGet("/list/{id}", async (string id, string? kind) =>
        {
            if (id == Slow)
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
            }

            return id switch
            {
                Listed => Results.Json(new { listed = true, kind }),
                "110105194912310037" => Results.Json(new { listed = false }),
                "BROKEN" => Results.StatusCode(500),
                "GARBLED" => Results.Text("not json"),
                _ => Results.NotFound(),
            };
        });
        await _stub.StartAsync();
        _stubUrl = _stub.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/list";
    }

    [OneTimeTearDown]
    public async Task StopStub() => await _stub.DisposeAsync();

    private HttpDishonestyList Http(TimeSpan timeout)
    {
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        return new HttpDishonestyList(services.GetRequiredService<IHttpClientFactory>(), Options.Create(new CreditOptions { Source = CreditSources.Http, Url = _stubUrl, Timeout = timeout }), NullLogger<HttpDishonestyList>.Instance);
    }

    [Test]
    public async Task The_http_lookup_answers_listed_clear_and_unknown_on_failure_or_timeout()
    {
        var list = Http(TimeSpan.FromMilliseconds(500));
        var started = DateTime.UtcNow;
        var slow = await list.LookUpAsync("person", Slow, CancellationToken.None);
        var waited = DateTime.UtcNow - started;
        Assert.Multiple(async () =>
        {
            Assert.That(await list.LookUpAsync("organisation", Listed.ToLowerInvariant(), CancellationToken.None), Is.EqualTo(CreditStanding.Listed), "identifiers are compared upper case");
            Assert.That(await list.LookUpAsync("person", "110105194912310037", CancellationToken.None), Is.EqualTo(CreditStanding.Clear));
            Assert.That(await list.LookUpAsync("person", "nobody", CancellationToken.None), Is.EqualTo(CreditStanding.Clear), "404: not listed");
            Assert.That(await list.LookUpAsync("person", "broken", CancellationToken.None), Is.EqualTo(CreditStanding.Unknown));
            Assert.That(await list.LookUpAsync("person", "garbled", CancellationToken.None), Is.EqualTo(CreditStanding.Unknown));
            Assert.That(slow, Is.EqualTo(CreditStanding.Unknown));
            Assert.That(waited, Is.LessThan(TimeSpan.FromSeconds(4)), "the timeout cut the lookup short");
        });
    }

    [Test]
    public async Task An_unreachable_lookup_is_unknown()
    {
        var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var list = new HttpDishonestyList(services.GetRequiredService<IHttpClientFactory>(),
            Options.Create(new CreditOptions { Source = CreditSources.Http, Url = "http://127.0.0.1:9/list", Timeout = TimeSpan.FromSeconds(1) }), NullLogger<HttpDishonestyList>.Instance);
        Assert.That(await list.LookUpAsync("person", Listed, CancellationToken.None), Is.EqualTo(CreditStanding.Unknown));
    }

    [Test]
    public async Task The_file_list_reads_csv_and_json_and_is_reread_when_it_changes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dishonesty-{Guid.NewGuid():N}.csv");
        try
        {
            var list = new FileDishonestyList(path, NullLogger<FileDishonestyList>.Instance);
            Assert.That(await list.LookUpAsync("person", Listed, CancellationToken.None), Is.EqualTo(CreditStanding.Unknown), "no file yet: unknown");

            await File.WriteAllTextAsync(path, "# 失信名单\nid,name\n\"91350100m000100y43\",某企业\n");
            Assert.That(await list.LookUpAsync("organisation", Listed, CancellationToken.None), Is.EqualTo(CreditStanding.Listed));
            Assert.That(await list.LookUpAsync("person", Slow, CancellationToken.None), Is.EqualTo(CreditStanding.Clear));

            await File.WriteAllTextAsync(path, $"[\"{Slow}\"]");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
            Assert.Multiple(async () =>
            {
                Assert.That(await list.LookUpAsync("person", Slow, CancellationToken.None), Is.EqualTo(CreditStanding.Listed), "the new file was read");
                Assert.That(await list.LookUpAsync("organisation", Listed, CancellationToken.None), Is.EqualTo(CreditStanding.Clear));
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task Through_the_service_a_failing_http_list_refuses_commitment_and_allows_deferral()
    {
        using var app = new ApprovalApp(new() { ["Credit:Source"] = "http", ["Credit:Url"] = _stubUrl, ["Credit:Timeout"] = "00:00:00.5" });
        var slowApplicant = new { kind = "person", id = Slow, name = "张三" };
        var commit = await app.Window().PostJsonAsync("/api/cases", new
        {
            workflowId = "open-restaurant", applicant = slowApplicant, data = new { hasOutdoorSign = true }, materials = Json.AllMaterials("open-restaurant"),
            commitments = new[] { new { stepId = "outdoor-sign", signedBy = "张三", signedAt = DateTimeOffset.UtcNow.AddHours(-1) } },
        });
        var refusal = await commit.ReadJsonAsync();
        var materials = Json.AllMaterials("open-restaurant").Where(m => !m.ToString()!.Contains("lease", StringComparison.Ordinal)).Append(new { materialId = "lease", provided = false, promisedBy = "2099-01-01" });
        var defer = await app.Window().PostJsonAsync("/api/cases", new { workflowId = "open-restaurant", applicant = slowApplicant, data = new { hasOutdoorSign = false }, materials });
        var listed = await app.Window().PostJsonAsync("/api/cases", new
        {
            workflowId = "open-restaurant", applicant = new { kind = "organisation", id = Listed, name = "某企业" }, data = new { hasOutdoorSign = false }, materials,
        });
        var listedBody = await listed.ReadJsonAsync();
        var deferBody = await defer.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(commit.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That((string?)refusal["code"], Is.EqualTo(RefusalCodes.CreditUnavailable));
            Assert.That(refusal["errors"]?["commitments[0]"], Is.Not.Null);
            Assert.That(defer.StatusCode, Is.EqualTo(HttpStatusCode.Created), deferBody);
            Assert.That((string?)System.Text.Json.Nodes.JsonNode.Parse(deferBody)!["credit"], Is.EqualTo("unknown"));
            Assert.That((string?)listedBody["code"], Is.EqualTo(RefusalCodes.DishonestDeferral));
            Assert.That(listedBody["errors"]?.AsObject().Select(e => e.Key).Single(), Does.StartWith("materials[").And.EndWith("].promisedBy"));
        });
    }
}
