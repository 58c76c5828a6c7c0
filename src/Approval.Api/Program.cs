var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health", () => Results.Ok(new { status = "Healthy" }));
app.Run();

/// <summary>Exposed for <c>WebApplicationFactory</c> in the API tests.</summary>
public partial class Program;
