using Approval.Api.Apis;
using Approval.Api.Hosting;
using Approval.Api.SignIn;
using Approval.Api.Screen;


// Every start-up error ends the process with exit code 1 and one line naming the setting
// (docs/operations.md); options are validated before the database is touched.
try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.Configuration.AddServiceSettingsFiles(builder.Environment);
    builder.Services.AddApproval(builder.Configuration, builder.Environment);
    builder.Services.AddApprovalSignIn();
    builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 1024 * 1024);

    var app = builder.Build();
    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseIdempotency();

    app.MapHangfireDashboardForOperators();
    app.MapHealthChecks("/health");
    Approval.Api.Telemetry.MetricsEndpoint.MapApprovalMetrics(app);
    app.MapOpenApi();
    app.UseSwaggerUI(o =>
    {
        o.SwaggerEndpoint("/openapi/v1.json", "Approval API v1");
        o.RoutePrefix = "docs";
    });
    app.MapSignIn();
    app.MapWorkflowsApi();
    app.MapElsaApi();
    app.MapCasesApi();
    app.MapTasksApi().MapFollowUps();
    app.MapSendBack();
    app.MapRetract();
    app.MapConsultations();
    app.MapUrging();
    app.MapDelegationsApi();
    app.MapSupervisionApi();
    app.MapAuditApi();
    app.MapStatisticsApi();
    app.MapScreen();

    app.Services.ValidateApprovalOptions();
    await app.Services.InitializeApprovalAsync();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    // HostAbortedException is how WebApplicationFactory stops this entry point after Build: let it through.
    await Console.Error.WriteLineAsync($"approval: {StartupFailureException.Describe(ex)}");
    return 1;
}

/// <summary>Exposed for <c>WebApplicationFactory</c> in the API tests.</summary>
public partial class Program;
