using Approval.Api.Apis;
using Approval.Api.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddApproval(builder.Configuration, builder.Environment);
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseIdempotency();

app.MapHangfireDashboardForOperators();
app.MapHealthChecks("/health");
app.MapOpenApi();
app.UseSwaggerUI(o =>
{
    o.SwaggerEndpoint("/openapi/v1.json", "Approval API v1");
    o.RoutePrefix = "docs";
});
app.MapWorkflowsApi();
app.MapCasesApi();
app.MapTasksApi();
app.MapSupervisionApi();
app.MapAuditApi();
app.MapStatisticsApi();

await app.Services.InitializeApprovalAsync();
await app.RunAsync();

/// <summary>Exposed for <c>WebApplicationFactory</c> in the API tests.</summary>
public partial class Program;
