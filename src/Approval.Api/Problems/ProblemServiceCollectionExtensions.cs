using System.Text.Json.Serialization;

namespace Approval.Api.Problems;

/// <summary>How requests are read and how faults are answered, in one place: strict JSON in, problem details out.</summary>
public static class ProblemServiceCollectionExtensions
{
    /// <summary>
    /// Registers problem details for every 4xx, the handler that turns binding failures into 400s
    /// naming the field, and strict request JSON: unknown members and duplicate properties are
    /// refused (a misspelt field is an error, not silently ignored), and free-form JSON must be
    /// readable text and finite numbers (<see cref="StrictJsonElementConverter"/>).
    /// </summary>
    public static IServiceCollection AddApprovalProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = StatusProblems.Complete);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.Converters.Add(new StrictJsonElementConverter());
        });
        return services;
    }
}
